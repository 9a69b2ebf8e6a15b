import { checkImage, checkMask } from '../core/check-arguments.js';
import { SizeMismatchError } from '../core/errors.js';
import type { Image, Mask } from '../core/image.js';

/** Metrics compare pixel for pixel (each argument checked as the public entry it is): the output, the ground truth and the mask must agree in size. */
export function assertComparable(output: Image, groundTruth: Image, mask?: Mask): void {
  checkImage(output, 'output');
  checkImage(groundTruth, 'groundTruth');
  if (mask !== undefined) checkMask(mask, 'mask');
  if (output.width !== groundTruth.width || output.height !== groundTruth.height) {
    throw new SizeMismatchError('output size', groundTruth, output, 'the output must have the ground truth\'s size');
  }
  if (mask && (mask.width !== groundTruth.width || mask.height !== groundTruth.height)) {
    throw new SizeMismatchError('mask size', groundTruth, mask, 'the mask must have the ground truth\'s size');
  }
}
