/**
 * DeepFill v2's reconstruction loss as the port trains with it (weight 1): the L1 of both stages
 * over the whole image. Its adversarial loss is the shared hinge (src/losses).
 */
import type { Tensor } from '../../torch/index.js';

/** alpha * (mean|truth - coarse| + mean|truth - refined|): both stages learn to reconstruct. */
export function reconstructionLoss(truth: Tensor, coarse: Tensor, refined: Tensor, alpha = 1): Tensor {
  return truth.sub(coarse).abs().mean().mul(alpha).add(truth.sub(refined).abs().mean().mul(alpha));
}
