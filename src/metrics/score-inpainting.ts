import type { Image, Mask } from '../core/image.js';
import { composite } from './composite.js';
import { l1Percent } from './l1.js';
import { psnr } from './psnr.js';
import { sharpness } from './sharpness.js';
import { ssim } from './ssim.js';

/** The benchmark's scores of one inpainted image. */
export interface InpaintingScores {
  /** dB over the whole image. */
  readonly psnr: number;
  readonly ssim: number;
  /** Mean absolute error in percent of 255. */
  readonly l1: number;
  /** Gradient in the hole, output over ground truth. */
  readonly sharpness: number;
}

/** Scores an output as the benchmark does: composited onto the ground truth, then every metric. */
export function scoreInpainting(output: Image, groundTruth: Image, mask: Mask): InpaintingScores {
  const result = composite(output, groundTruth, mask);
  return {
    psnr: psnr(result, groundTruth),
    ssim: ssim(result, groundTruth),
    l1: l1Percent(result, groundTruth),
    sharpness: sharpness(result, groundTruth, mask),
  };
}
