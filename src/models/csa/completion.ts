/**
 * The official two-stage test pipeline (CSA.py `set_input` and `test`): the hole filled with the
 * ImageNet mean (123, 104, 117 in [-1,1]) for the rough network netP; its fill pasted into the
 * hole; netG refines [pasted, input] where the input's hole is zero by then: `test` zeroes it in
 * place (`real_A.data.masked_fill_`, and `real_A` is `input_A` itself), after netP has read it.
 */
import { cat, tensor, tidy, type Tensor } from '../../torch/index.js';
import { ShapeCheck } from '../common/check-shape.js';
import type { CsaUnet } from './csa-unet.js';
import type { Pix2pixUnet } from './pix2pix-unet.js';

/** Both U-Nets halve eight times. */
export const SIZE_GRID = 256;

/** What the official code puts in the hole before netP, per channel, in [-1,1]. */
const HOLE_FILL = [123, 104, 117].map((value) => (2 * value) / 255 - 1);

export interface CsaInputs {
  /** [1,3,H,W] in [-1,1], the hole holding the mean colour (`input_A`). */
  readonly image: Tensor;
  /** [1,1,H,W], 1 = hole. */
  readonly mask: Tensor;
}

export function csaInputs(pixels: Tensor, mask: Tensor): CsaInputs {
  new ShapeCheck('CSA').check('image', pixels, [1, 3, 'H', 'W']).check('mask', mask, [1, 1, 'H', 'W']).multipleOf(['H', 'W'], SIZE_GRID);
  return tidy(() => ({ image: pixels.mul(mask.neg().add(1)).add(tensor(HOLE_FILL, [1, 3, 1, 1]).mul(mask)), mask: mask.clone() }));
}

/** netP's rough fill and netG's refined image, [1,3,H,W] each. */
export function complete(rough: Pix2pixUnet, refine: CsaUnet, inputs: CsaInputs): { roughFill: Tensor; refined: Tensor } {
  const known = inputs.mask.neg().add(1);
  const roughFill = rough.call(inputs.image);
  // Pasted from `fake_P.data` officially: netG's loss trains netG only, netP learns from its own L1.
  const pasted = roughFill.detach().mul(inputs.mask).add(inputs.image.mul(known));
  const refined = refine.call(cat([pasted, inputs.image.mul(known)], 1), inputs.mask);
  return { roughFill, refined };
}
