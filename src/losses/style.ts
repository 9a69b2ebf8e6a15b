/** The style loss: L1 between Gram matrices of feature maps, layer by layer. */
import type { Tensor } from '../torch/index.js';
import { gramMatrix } from './gram.js';
import { checkPairs, sumOf } from './layer-sum.js';

/**
 * Σ_i mean|G(a_i) − G(b_i)| with G the Gram matrix normalised by C·H·W: naoto0804's, LBAM's and
 * PRVS's style term on VGG16 pool1-3, EdgeConnect's and StructureFlow's StyleLoss on VGG19
 * relu2_2, relu3_4, relu4_4, relu5_2.
 */
export function styleLoss(a: readonly Tensor[], b: readonly Tensor[]): Tensor {
  checkPairs(a, b);
  return sumOf(a.map((feature, i) => gramMatrix(feature).sub(gramMatrix(b[i])).abs().mean()));
}
