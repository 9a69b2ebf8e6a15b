import type { Image } from '../../core/image.js';

/** A one-channel float picture, row-major. */
export interface GrayPlane {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** Luma (BT.601 weights, 0..255) of an RGB image: what optical flow matches on. */
export function toGray(image: Image): GrayPlane {
  const n = image.width * image.height;
  const data = new Float32Array(n);
  const { rgb } = image;
  for (let i = 0; i < n; i++) data[i] = 0.299 * rgb[3 * i] + 0.587 * rgb[3 * i + 1] + 0.114 * rgb[3 * i + 2];
  return { width: image.width, height: image.height, data };
}

/**
 * Halves a plane: a [1 2 1] blur in each direction, then every second pixel (the border is
 * repeated). Odd sizes round up so that no column is lost.
 */
export function downsample(plane: GrayPlane): GrayPlane {
  const { width: w, height: h, data } = plane;
  const hw = (w + 1) >> 1, hh = (h + 1) >> 1;
  const rows = new Float32Array(hw * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < hw; x++) {
      const c = 2 * x;
      const l = c > 0 ? c - 1 : 0, r = c + 1 < w ? c + 1 : w - 1;
      rows[y * hw + x] = 0.25 * data[row + l] + 0.5 * data[row + c] + 0.25 * data[row + r];
    }
  }
  const out = new Float32Array(hw * hh);
  for (let y = 0; y < hh; y++) {
    const c = 2 * y;
    const t = c > 0 ? c - 1 : 0, b = c + 1 < h ? c + 1 : h - 1;
    for (let x = 0; x < hw; x++) {
      out[y * hw + x] = 0.25 * rows[t * hw + x] + 0.5 * rows[c * hw + x] + 0.25 * rows[b * hw + x];
    }
  }
  return { width: hw, height: hh, data: out };
}

/** Levels from full size (index 0) down while the smaller side stays at least `minSide`. */
export function buildPyramid(plane: GrayPlane, minSide: number): GrayPlane[] {
  const levels = [plane];
  for (;;) {
    const last = levels[levels.length - 1];
    if (Math.min((last.width + 1) >> 1, (last.height + 1) >> 1) < minSide) return levels;
    levels.push(downsample(last));
  }
}

/** Central-difference gradients (one-sided at the border). */
export function gradients(plane: GrayPlane): { gx: Float32Array; gy: Float32Array } {
  const { width: w, height: h, data } = plane;
  const gx = new Float32Array(w * h), gy = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const up = y > 0 ? y - 1 : 0, down = y < h - 1 ? y + 1 : h - 1;
    const dyScale = down - up > 0 ? 1 / (down - up) : 0;
    for (let x = 0; x < w; x++) {
      const left = x > 0 ? x - 1 : 0, right = x < w - 1 ? x + 1 : w - 1;
      const i = y * w + x;
      gx[i] = right - left > 0 ? (data[y * w + right] - data[y * w + left]) / (right - left) : 0;
      gy[i] = (data[down * w + x] - data[up * w + x]) * dyScale;
    }
  }
  return { gx, gy };
}
