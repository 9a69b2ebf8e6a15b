import { SizeMismatchError } from '../core/errors.js';
import type { Image, Mask } from '../core/image.js';

/** Metrics compare pixel for pixel: the output, the ground truth and the mask must agree in size. */
export function assertComparable(output: Image, groundTruth: Image, mask?: Mask): void {
  if (output.width !== groundTruth.width || output.height !== groundTruth.height) {
    throw new SizeMismatchError('output size', groundTruth, output, 'the output must have the ground truth\'s size');
  }
  if (mask && (mask.width !== groundTruth.width || mask.height !== groundTruth.height)) {
    throw new SizeMismatchError('mask size', groundTruth, mask, 'the mask must have the ground truth\'s size');
  }
}
