import { harmonicFill } from '../smooth-fill.js';
import type { Level } from './pyramid.js';

/** Scale (Gaussian σ, pixels) below which colour variations count as low frequency. */
const LOW_FREQUENCY_SIGMA = 4;

/**
 * Pulls the low frequencies of the exemplar fill towards those of a harmonic (diffusion) fill,
 * keeping the exemplars' detail. Copied patches often carry a colour cast from where they came
 * from, which diffusion gets right; a full swap of the low band leaves translucent ghosts where
 * the exemplars chose a different object, so the shift is limited to `limit` levels a channel:
 * small casts are corrected, large disagreements keep the copied content.
 *
 * `known` is the image as interleaved RGB floats (hole values unused); `level` is the finest,
 * filled level, changed in place.
 */
export function correctLowFrequencies(level: Level, known: Float32Array, limit: number): void {
  const { width, height, hole, data, channels: C } = level;
  harmonicFill(known, hole, width, height, 3);
  const difference = new Float32Array(width * height * 3);
  for (let p = 0; p < hole.length; p++) {
    if (!hole[p]) continue;
    for (let c = 0; c < 3; c++) difference[p * 3 + c] = known[p * 3 + c] - data[p * C + c];
  }
  const low = blurHoleDifference(difference, hole, width, height, LOW_FREQUENCY_SIGMA);
  for (let p = 0; p < hole.length; p++) {
    if (!hole[p]) continue;
    for (let c = 0; c < 3; c++) {
      const shift = low[p * 3 + c];
      data[p * C + c] += shift < -limit ? -limit : shift > limit ? limit : shift;
    }
  }
}

/**
 * Gaussian blur of a 3-channel field that is zero outside the hole, evaluated at hole pixels
 * only: the cost follows the hole, not the image.
 */
function blurHoleDifference(field: Float32Array, hole: Uint8Array, width: number, height: number, sigma: number): Float32Array {
  const r = Math.ceil(3 * sigma);
  const kernel = new Float32Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) sum += kernel[i + r] = Math.exp((-i * i) / (2 * sigma * sigma));
  for (let i = 0; i < kernel.length; i++) kernel[i] /= sum;

  // Horizontal pass wherever a hole pixel lies within r rows (the vertical pass reads those).
  const nearHoleRow = new Uint8Array(width * height);
  for (let p = 0; p < hole.length; p++) {
    if (!hole[p]) continue;
    const x = p % width, y = (p - x) / width;
    for (let yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy++) nearHoleRow[yy * width + x] = 1;
  }
  const rows = new Float32Array(field.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      if (!nearHoleRow[p]) continue;
      let a = 0, b = 0, c = 0;
      for (let k = Math.max(-r, -x); k <= Math.min(r, width - 1 - x); k++) {
        const q = (p + k) * 3, w = kernel[k + r];
        a += w * field[q]; b += w * field[q + 1]; c += w * field[q + 2];
      }
      rows[p * 3] = a; rows[p * 3 + 1] = b; rows[p * 3 + 2] = c;
    }
  }
  const out = new Float32Array(field.length);
  for (let p = 0; p < hole.length; p++) {
    if (!hole[p]) continue;
    const x = p % width, y = (p - x) / width;
    let a = 0, b = 0, c = 0;
    for (let k = Math.max(-r, -y); k <= Math.min(r, height - 1 - y); k++) {
      const q = (p + k * width) * 3, w = kernel[k + r];
      a += w * rows[q]; b += w * rows[q + 1]; c += w * rows[q + 2];
    }
    out[p * 3] = a; out[p * 3 + 1] = b; out[p * 3 + 2] = c;
  }
  return out;
}
