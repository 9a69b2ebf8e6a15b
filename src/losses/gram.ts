/** The Gram matrix of feature maps, as the VGG style losses of every network here compute it. */
import type { Tensor } from '../torch/index.js';

/**
 * [B,C,H,W] -> [B,C,C]: f fᵀ / (C·H·W) with f the features flattened to [B,C,H·W] (naoto0804's
 * and LBAM's `gram_matrix`, EdgeConnect's and StructureFlow's `compute_gram`). PRVS divides the
 * difference of the unnormalised products by C·H·W instead, which is the same value.
 */
export function gramMatrix(features: Tensor): Tensor {
  const [batch, channels, height, width] = features.shape;
  const flat = features.reshape(batch, channels, height * width);
  return flat.bmm(flat.transpose(1, 2)).div(channels * height * width);
}
