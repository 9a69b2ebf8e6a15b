/**
 * DeepFill v2's production input builder, as the port's `infer` and training build it: the image
 * in [-1, 1] with the hole zeroed, a channel of ones and the mask (1 = hole). Inference
 * (network.ts), training and the parity test all use it.
 */
import { cat, type Tensor } from '../../torch/index.js';

/** [image * (1 - mask), ones, mask]: the generator's 5-channel input. */
export function networkInput(pixels: Tensor, hole: Tensor): Tensor {
  const kept = pixels.mul(hole.neg().add(1));
  const ones = hole.mul(0).add(1);
  return cat([kept, ones.expand(kept.shape[0], 1, kept.shape[2], kept.shape[3]), hole.expand(kept.shape[0], 1, kept.shape[2], kept.shape[3])], 1);
}
