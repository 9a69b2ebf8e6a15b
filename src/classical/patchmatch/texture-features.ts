import { harmonicFill } from '../smooth-fill.js';
import type { Level } from './pyramid.js';

/**
 * Appends two texture channels to an RGB level: the local mean of |∂x| and |∂y| of the grey
 * image (Newson et al. 2014). Colour distance alone lets smooth patches win every match in a
 * blurry first guess; these channels make a textured region ask for textured patches. In the hole
 * (and where a feature window touches it) the features are diffused from around the hole: that
 * is the first guess, which the voting then replaces with the features of real patches.
 */
export function withTextureFeatures(level: Level, weight: number, windowRadius: number): Level {
  const { width, height, data, hole } = level;
  const n = width * height;
  const gray = new Float32Array(n);
  for (let i = 0; i < n; i++) gray[i] = (data[i * 3] + data[i * 3 + 1] + data[i * 3 + 2]) / 3;

  const gx = new Float32Array(n), gy = new Float32Array(n);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      gx[i] = 0.5 * Math.abs(gray[x < width - 1 ? i + 1 : i] - gray[x > 0 ? i - 1 : i]);
      gy[i] = 0.5 * Math.abs(gray[y < height - 1 ? i + width : i] - gray[y > 0 ? i - width : i]);
    }
  }
  const fx = boxMean(gx, width, height, windowRadius);
  const fy = boxMean(gy, width, height, windowRadius);

  const unknown = dilate(hole, width, height, windowRadius + 1);
  const features = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    features[i * 2] = weight * fx[i];
    features[i * 2 + 1] = weight * fy[i];
  }
  harmonicFill(features, unknown, width, height, 2);

  const out = new Float32Array(n * 5);
  for (let i = 0; i < n; i++) {
    out[i * 5] = data[i * 3];
    out[i * 5 + 1] = data[i * 3 + 1];
    out[i * 5 + 2] = data[i * 3 + 2];
    out[i * 5 + 3] = features[i * 2];
    out[i * 5 + 4] = features[i * 2 + 1];
  }
  return { width, height, channels: 5, data: out, hole };
}

/** Mean over the (2r+1)² window clipped to the image, via a summed-area table. */
function boxMean(v: Float32Array, width: number, height: number, r: number): Float32Array {
  const sat = new Float64Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += v[y * width + x];
      sat[(y + 1) * (width + 1) + x + 1] = sat[y * (width + 1) + x + 1] + row;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - r), y1 = Math.min(height, y + r + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - r), x1 = Math.min(width, x + r + 1);
      const sum = sat[y1 * (width + 1) + x1] - sat[y0 * (width + 1) + x1] - sat[y1 * (width + 1) + x0] + sat[y0 * (width + 1) + x0];
      out[y * width + x] = sum / ((x1 - x0) * (y1 - y0));
    }
  }
  return out;
}

function dilate(hole: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const out = new Uint8Array(hole.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!hole[y * width + x]) continue;
      for (let yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy++) {
        out.fill(1, yy * width + Math.max(0, x - r), yy * width + Math.min(width - 1, x + r) + 1);
      }
    }
  }
  return out;
}
