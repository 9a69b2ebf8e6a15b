import { InvalidOptionError } from '../core/errors.js';
import { checkMask } from '../core/check-arguments.js';
import type { Mask } from '../core/image.js';

/**
 * Grows the hole by `radius` pixels with a disk structuring element: a pixel becomes a hole when
 * a hole pixel lies within Euclidean distance `radius`. A disk grows round holes into round holes
 * (a square would turn them into rounded squares). Cost: width x height x (2 radius + 1).
 */
export function dilateMask(mask: Mask, radius: number): Mask {
  checkMask(mask, 'mask');
  if (!Number.isInteger(radius) || radius < 0) {
    throw new InvalidOptionError('dilate', 'an integer >= 0', radius);
  }
  if (radius === 0) return mask;
  const { width, height, data } = mask;
  const far = radius + 1;
  const rowDistance = horizontalHoleDistance(mask, far);

  // Half-width of the disk at each vertical offset.
  const halfWidth = new Int32Array(radius + 1);
  for (let dy = 0; dy <= radius; dy++) halfWidth[dy] = Math.floor(Math.sqrt(radius * radius - dy * dy));

  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(height - 1, y + radius);
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (data[i]) {
        out[i] = 1;
        continue;
      }
      for (let sy = y0; sy <= y1; sy++) {
        if (rowDistance[sy * width + x] <= halfWidth[Math.abs(sy - y)]) {
          out[i] = 1;
          break;
        }
      }
    }
  }
  return { width, height, data: out };
}

/** For each pixel, the distance to the nearest hole pixel in its row, capped at `far`. */
function horizontalHoleDistance({ width, height, data }: Mask, far: number): Int32Array {
  const out = new Int32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let d = far;
    for (let x = 0; x < width; x++) {
      d = data[row + x] ? 0 : Math.min(far, d + 1);
      out[row + x] = d;
    }
    d = far;
    for (let x = width - 1; x >= 0; x--) {
      d = data[row + x] ? 0 : Math.min(far, d + 1);
      if (d < out[row + x]) out[row + x] = d;
    }
  }
  return out;
}
