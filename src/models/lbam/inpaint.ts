/**
 * LBAM's production input builder, as the official test.py builds it: the image in [0, 1] times
 * the mask (1 = valid), the mask's first channel as a 4th channel, and the mask as a 3-channel map
 * for the attention branches. Inference (network.ts), training and the parity test use it.
 */
import { cat, type Tensor } from '../../torch/index.js';
import { ShapeCheck } from '../common/check-shape.js';

export interface LbamInputs {
  /** [N, 4, H, W]: image * mask, then the mask. */
  readonly input: Tensor;
  /** [N, 3, H, W]: the mask repeated over the image's channels. */
  readonly masks: Tensor;
}

export function lbamInputs(pixels: Tensor, valid: Tensor): LbamInputs {
  new ShapeCheck('LBAM input builder').check('pixels', pixels, ['B', 3, 'H', 'W']).check('mask', valid, ['B|1', 1, 'H', 'W']);
  const [batch, , height, width] = pixels.shape;
  const masks = valid.expand(batch, 3, height, width);
  return { input: cat([pixels.mul(masks), valid.expand(batch, 1, height, width)], 1), masks };
}
