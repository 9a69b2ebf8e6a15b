/**
 * The official post-processing (inpaint.lua --postproc): the completed image's hole filled again
 * by fast marching (OpenCV's inpaint, Telea, radius 1), then the network's fill blended into that
 * by Poisson blending (OpenCV's seamlessClone, NORMAL_CLONE, placed where it was). Ours: the
 * toolkit's Telea (src/classical/telea) and Poisson blending (src/classical/poisson-blend).
 */
import { createMask, type Image, type Mask } from '../../core/image.js';
import { teleaInpaint } from '../../classical/telea/telea.js';
import { poissonBlend } from '../../classical/poisson-blend/poisson-blend.js';
import { imageToTensor, tensorToImage, type Tensor } from '../../torch/index.js';

/** The completed image ([1,3,H,W] in [0,1]) post-processed as inpaint.lua does, for the mask ([1,1,H,W], 1 = hole). */
export function officialPostprocess(completed: Tensor, hole: Tensor): Tensor {
  const image = tensorToImage(completed);
  const mask = holeMask(hole, image);
  return imageToTensor(blendIntoTelea(image, mask));
}

/** The network's fill, Poisson-blended into the Telea fill of the same hole. */
export function blendIntoTelea(completed: Image, mask: Mask): Image {
  return poissonBlend(completed, teleaInpaint(completed, mask, 1), mask);
}

function holeMask(hole: Tensor, image: Image): Mask {
  const values = hole.toArray() as Float32Array;
  return createMask(image.width, image.height, Uint8Array.from(values, (value) => (value > 0.5 ? 1 : 0)));
}
