import { InvalidInputError } from '../core/errors.js';
import { holeCount, type Image, type Mask } from '../core/image.js';
import { assertComparable } from './same-size.js';

/** Floor of the ground truth's gradient, as the reference scorer: a flat hole does not divide by 0. */
const MIN_GRADIENT = 1e-6;

/**
 * Mean Sobel gradient magnitude of the output inside the hole over that of the ground truth:
 * about 1 keeps texture, well below 1 is a blur. Computed as the reference does with OpenCV:
 * grey = 0.299 R + 0.587 G + 0.114 B in float32, 3x3 Sobel with the border reflected about the
 * edge pixel (BORDER_REFLECT_101).
 */
export function sharpness(output: Image, groundTruth: Image, mask: Mask): number {
  assertComparable(output, groundTruth, mask);
  const holes = holeCount(mask);
  if (holes === 0) throw new InvalidInputError('mask for sharpness', 'at least one hole pixel', 'an empty mask');
  const outputGradient = gradientSumInHole(grey(output), mask) / holes;
  const truthGradient = gradientSumInHole(grey(groundTruth), mask) / holes;
  return outputGradient / Math.max(truthGradient, MIN_GRADIENT);
}

function grey(image: Image): Float32Array {
  const { rgb } = image;
  const out = new Float32Array(image.width * image.height);
  for (let i = 0; i < out.length; i++) out[i] = 0.299 * rgb[i * 3] + 0.587 * rgb[i * 3 + 1] + 0.114 * rgb[i * 3 + 2];
  return out;
}

/** Sum of the Sobel gradient magnitude over the hole pixels. */
function gradientSumInHole(g: Float32Array, mask: Mask): number {
  const { width, height, data } = mask;
  let sum = 0;
  for (let y = 0; y < height; y++) {
    const up = reflect101(y - 1, height) * width, row = y * width, down = reflect101(y + 1, height) * width;
    for (let x = 0; x < width; x++) {
      if (!data[row + x]) continue;
      const left = reflect101(x - 1, width), right = reflect101(x + 1, width);
      const dx = g[up + right] - g[up + left] + 2 * (g[row + right] - g[row + left]) + g[down + right] - g[down + left];
      const dy = g[down + left] - g[up + left] + 2 * (g[down + x] - g[up + x]) + g[down + right] - g[up + right];
      sum += Math.sqrt(dx * dx + dy * dy);
    }
  }
  return sum;
}

/** Index one step outside [0, n) mirrored about the edge pixel (gfedcb|abcdefgh|gfedcba). */
function reflect101(i: number, n: number): number {
  if (n === 1) return 0;
  return i < 0 ? -i : i >= n ? 2 * n - 2 - i : i;
}
