import { createImage, createMask, type Image, type Mask } from '../core/image.js';

/** Size whose longer side is at most `maxSide`, aspect kept (the size itself when it fits). */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** An image shrunk to `width` x `height` by averaging the source pixels each covers (box filter). */
export function shrinkImage(image: Image, width: number, height: number): Image {
  if (width === image.width && height === image.height) return image;
  const { width: sw, height: sh, rgb } = image;
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * sh) / height), y1 = Math.max(y0 + 1, Math.floor(((y + 1) * sh) / height));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor((x * sw) / width), x1 = Math.max(x0 + 1, Math.floor(((x + 1) * sw) / width));
      let r = 0, g = 0, b = 0;
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
          const p = 3 * (yy * sw + xx);
          r += rgb[p];
          g += rgb[p + 1];
          b += rgb[p + 2];
        }
      }
      const n = (x1 - x0) * (y1 - y0), o = 3 * (y * width + x);
      out[o] = Math.round(r / n);
      out[o + 1] = Math.round(g / n);
      out[o + 2] = Math.round(b / n);
    }
  }
  return createImage(width, height, out);
}

/** The share of each output pixel that `mask` covers, 0..1, by the same box filter. */
export function shrinkMaskSoft(mask: Mask, width: number, height: number): Float32Array {
  const { width: sw, height: sh, data } = mask;
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * sh) / height), y1 = Math.max(y0 + 1, Math.floor(((y + 1) * sh) / height));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor((x * sw) / width), x1 = Math.max(x0 + 1, Math.floor(((x + 1) * sw) / width));
      let sum = 0;
      for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) sum += data[yy * sw + xx] ? 1 : 0;
      out[y * width + x] = sum / ((x1 - x0) * (y1 - y0));
    }
  }
  return out;
}

/**
 * A soft mask (0..1) of `width` x `height` read at another size: bilinear (pixel centres
 * aligned), thresholded at one half, so an enlarged mask has smooth rather than blocky edges.
 */
export function resizeSoftMask(values: Float32Array, fromWidth: number, fromHeight: number, width: number, height: number): Mask {
  const out = new Uint8Array(width * height);
  const sx = fromWidth / width, sy = fromHeight / height;
  for (let y = 0; y < height; y++) {
    let fy = (y + 0.5) * sy - 0.5;
    fy = fy < 0 ? 0 : fy > fromHeight - 1 ? fromHeight - 1 : fy;
    const y0 = Math.min(fy | 0, Math.max(0, fromHeight - 2)), y1 = Math.min(y0 + 1, fromHeight - 1), ay = fy - y0;
    for (let x = 0; x < width; x++) {
      let fx = (x + 0.5) * sx - 0.5;
      fx = fx < 0 ? 0 : fx > fromWidth - 1 ? fromWidth - 1 : fx;
      const x0 = Math.min(fx | 0, Math.max(0, fromWidth - 2)), x1 = Math.min(x0 + 1, fromWidth - 1), ax = fx - x0;
      const top = values[y0 * fromWidth + x0] * (1 - ax) + values[y0 * fromWidth + x1] * ax;
      const bottom = values[y1 * fromWidth + x0] * (1 - ax) + values[y1 * fromWidth + x1] * ax;
      out[y * width + x] = top * (1 - ay) + bottom * ay >= 0.5 ? 1 : 0;
    }
  }
  return createMask(width, height, out);
}
