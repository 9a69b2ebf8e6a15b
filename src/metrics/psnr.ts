import type { Image } from '../core/image.js';
import { assertComparable } from './same-size.js';

/** Floor of the mean squared error, as the reference scorer: identical images score 148.13 dB. */
const MIN_MSE = 1e-10;

/** Peak signal-to-noise ratio in dB over all RGB values (peak 255). */
export function psnr(output: Image, groundTruth: Image): number {
  assertComparable(output, groundTruth);
  const a = output.rgb, b = groundTruth.rgb;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    sum += d * d;
  }
  const mse = sum / a.length;
  return 10 * Math.log10((255 * 255) / Math.max(mse, MIN_MSE));
}
