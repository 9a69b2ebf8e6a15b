import type { Image } from '../core/image.js';
import { assertComparable } from './same-size.js';

/** Mean absolute difference over all RGB values, in percent of 255. */
export function l1Percent(output: Image, groundTruth: Image): number {
  assertComparable(output, groundTruth);
  const a = output.rgb, b = groundTruth.rgb;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return (sum / a.length / 255) * 100;
}
