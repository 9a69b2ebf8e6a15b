import type { Image, Mask } from '../core/image.js';
import { assertComparable } from './same-size.js';

/**
 * The output inside the hole, the ground truth everywhere else: what the scorer measures, so that
 * a method is never credited or blamed for the pixels it was given.
 */
export function composite(output: Image, groundTruth: Image, mask: Mask): Image {
  assertComparable(output, groundTruth, mask);
  const rgb = groundTruth.rgb.slice();
  const hole = mask.data, src = output.rgb;
  for (let i = 0; i < hole.length; i++) {
    if (!hole[i]) continue;
    rgb[i * 3] = src[i * 3];
    rgb[i * 3 + 1] = src[i * 3 + 1];
    rgb[i * 3 + 2] = src[i * 3 + 2];
  }
  return { width: groundTruth.width, height: groundTruth.height, rgb };
}
