import type { FrameState } from './frame-state.js';

/**
 * Bilinear colour of `frame` at (x, y) from its valid pixels only: the weights of the four
 * neighbours that are not valid are dropped and the rest renormalised. Writes RGB into `out` and
 * returns false when none of the four is valid.
 */
export function sampleValid(frame: FrameState, x: number, y: number, out: Float32Array): boolean {
  const { width: w, height: h, pixels, valid } = frame;
  const cx = x < 0 ? 0 : x > w - 1 ? w - 1 : x;
  const cy = y < 0 ? 0 : y > h - 1 ? h - 1 : y;
  const x0 = Math.min(cx | 0, Math.max(0, w - 2)), y0 = Math.min(cy | 0, Math.max(0, h - 2));
  const x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
  const fx = cx - x0, fy = cy - y0;
  out[0] = out[1] = out[2] = 0;
  let total = 0;
  const corners = [
    [y0 * w + x0, (1 - fx) * (1 - fy)],
    [y0 * w + x1, fx * (1 - fy)],
    [y1 * w + x0, (1 - fx) * fy],
    [y1 * w + x1, fx * fy],
  ] as const;
  for (const [i, weight] of corners) {
    if (!valid[i] || weight === 0) continue;
    out[0] += weight * pixels[3 * i];
    out[1] += weight * pixels[3 * i + 1];
    out[2] += weight * pixels[3 * i + 2];
    total += weight;
  }
  if (total === 0) {
    // Exactly on a grid point whose weight is all there is: take the nearest valid corner.
    for (const [i] of corners) {
      if (!valid[i]) continue;
      out[0] = pixels[3 * i];
      out[1] = pixels[3 * i + 1];
      out[2] = pixels[3 * i + 2];
      return true;
    }
    return false;
  }
  out[0] /= total;
  out[1] /= total;
  out[2] /= total;
  return true;
}
