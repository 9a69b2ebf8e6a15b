/**
 * L1 reconstruction on the hole and on the valid pixels, with the two normalisations the official
 * codes use. Masks are 1 = hole here (pass `1 - mask` for codes whose masks are 1 = valid); a
 * one-channel mask broadcasts over the image's channels.
 */
import type { Tensor } from '../torch/index.js';

/**
 * mean(|hole * (output - target)|) over every element of the image: naoto0804's `hole` term
 * (`l1((1 - mask) * output, (1 - mask) * gt)`), LBAM's `holeLoss`, PRVS's `l1_loss(.., 1 - mask)`.
 * The mean runs over all pixels, so a small hole weighs little.
 */
export function holeL1(output: Tensor, target: Tensor, hole: Tensor): Tensor {
  return output.sub(target).mul(hole).abs().mean();
}

/** mean(|(1 - hole) * (output - target)|) over every element: the `valid` term of the same codes. */
export function validL1(output: Tensor, target: Tensor, hole: Tensor): Tensor {
  return output.sub(target).mul(hole.neg().add(1)).abs().mean();
}

/**
 * mean(|output - target|) / mean(hole): EdgeConnect's InpaintingModel L1 (`l1_loss(outputs,
 * images) / torch.mean(masks)`), the whole image's L1 scaled up by the hole's share of the image.
 */
export function l1OverHoleFraction(output: Tensor, target: Tensor, hole: Tensor): Tensor {
  return output.sub(target).abs().mean().div(hole.mean());
}

/**
 * sum(|hole * (output - target)|) / sum(hole): the mean L1 over the hole's elements alone
 * (Deep Flow-Guided Video Inpainting's `L1_mask`; the mask as many channels as the output).
 */
export function l1OverHoleSum(output: Tensor, target: Tensor, hole: Tensor): Tensor {
  return output.sub(target).abs().mul(hole).sum().div(hole.sum());
}
