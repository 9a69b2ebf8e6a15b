/** Total variation: the mean absolute difference between horizontal and between vertical neighbours. */
import { F, type Tensor } from '../torch/index.js';

/**
 * mean|x[..., :, 1:] − x[..., :, :-1]| + mean|x[..., 1:, :] − x[..., :-1, :]|: naoto0804's and
 * LBAM's `total_variation_loss` (on the composite) and PRVS's `TV_loss` (on composite · hole).
 */
export function totalVariation(x: Tensor): Tensor {
  const [height, width] = x.shape.slice(-2);
  const horizontal = x.narrow(-1, 1, width - 1).sub(x.narrow(-1, 0, width - 1)).abs().mean();
  const vertical = x.narrow(-2, 1, height - 1).sub(x.narrow(-2, 0, height - 1)).abs().mean();
  return horizontal.add(vertical);
}

/**
 * The PConv paper's smoothing term: total variation of the composite restricted to P, the hole
 * dilated by one pixel (a 3x3 neighbourhood), as totalVariation(composite · P). hole is 1 = hole.
 */
export function dilatedHoleTotalVariation(composite: Tensor, hole: Tensor): Tensor {
  const region = F.maxPool2d(hole, 3, { stride: 1, padding: 1 });
  return totalVariation(composite.mul(region));
}
