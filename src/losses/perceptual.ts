/** The perceptual (content) loss: L1 between feature maps of a loss network, layer by layer. */
import type { Tensor } from '../torch/index.js';
import { checkPairs, sumOf } from './layer-sum.js';

/**
 * Σ_i weight_i · mean|a_i − b_i| over matching feature maps (weights default to 1): naoto0804's
 * and PRVS's `prc` (VGG16 pool1-3, once for the output and once for the composite), LBAM's with
 * its 0.01 per layer (on the output and on the composite), EdgeConnect's and StructureFlow's
 * PerceptualLoss (VGG19 relu1_1..relu5_1).
 */
export function perceptualLoss(a: readonly Tensor[], b: readonly Tensor[], weights?: readonly number[]): Tensor {
  checkPairs(a, b, weights);
  return sumOf(a.map((feature, i) => feature.sub(b[i]).abs().mean().mul(weights?.[i] ?? 1)));
}
