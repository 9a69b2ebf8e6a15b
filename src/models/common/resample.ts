/**
 * Resizing for the fill strategy, on bytes: a crop too large for a network goes down by box
 * averaging (an output pixel is the mean of the source pixels whose centres fall in its
 * footprint), its mask so that any hole pixel in a footprint makes a hole (nothing of the hole is
 * lost), and the network's result comes back up bilinearly (pixel centres aligned).
 */
import { clampByte, createImage, createMask, type Image, type Mask } from '../../core/image.js';

/** The source index range [start, end) of output index `i` when `from` samples shrink to `to`. */
function footprint(i: number, from: number, to: number): [number, number] {
  const start = Math.floor((i * from) / to);
  return [start, Math.max(start + 1, Math.floor(((i + 1) * from) / to))];
}

export function shrinkImage(image: Image, width: number, height: number): Image {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const [sy0, sy1] = footprint(y, image.height, height);
    for (let x = 0; x < width; x++) {
      const [sx0, sx1] = footprint(x, image.width, width);
      let r = 0, g = 0, b = 0;
      for (let sy = sy0; sy < sy1; sy++) {
        for (let sx = sx0; sx < sx1; sx++) {
          const j = (sy * image.width + sx) * 3;
          r += image.rgb[j];
          g += image.rgb[j + 1];
          b += image.rgb[j + 2];
        }
      }
      const n = (sy1 - sy0) * (sx1 - sx0);
      const i = (y * width + x) * 3;
      rgb[i] = clampByte(r / n);
      rgb[i + 1] = clampByte(g / n);
      rgb[i + 2] = clampByte(b / n);
    }
  }
  return createImage(width, height, rgb);
}

/** A hole wherever any source pixel of the footprint is one. */
export function shrinkMask(mask: Mask, width: number, height: number): Mask {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const [sy0, sy1] = footprint(y, mask.height, height);
    for (let x = 0; x < width; x++) {
      const [sx0, sx1] = footprint(x, mask.width, width);
      let hole = 0;
      for (let sy = sy0; sy < sy1 && !hole; sy++) {
        for (let sx = sx0; sx < sx1 && !hole; sx++) hole = mask.data[sy * mask.width + sx] ? 1 : 0;
      }
      data[y * width + x] = hole;
    }
  }
  return createMask(width, height, data);
}

export function enlargeImage(image: Image, width: number, height: number): Image {
  const rgb = new Uint8Array(width * height * 3);
  const source = (i: number, from: number, to: number): [number, number, number] => {
    const at = Math.min(from - 1, Math.max(0, ((i + 0.5) * from) / to - 0.5));
    const low = Math.floor(at);
    return [low, Math.min(from - 1, low + 1), at - low];
  };
  for (let y = 0; y < height; y++) {
    const [y0, y1, fy] = source(y, image.height, height);
    for (let x = 0; x < width; x++) {
      const [x0, x1, fx] = source(x, image.width, width);
      for (let c = 0; c < 3; c++) {
        const at = (sy: number, sx: number): number => image.rgb[(sy * image.width + sx) * 3 + c];
        const top = at(y0, x0) * (1 - fx) + at(y0, x1) * fx;
        const bottom = at(y1, x0) * (1 - fx) + at(y1, x1) * fx;
        rgb[(y * width + x) * 3 + c] = clampByte(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return createImage(width, height, rgb);
}
