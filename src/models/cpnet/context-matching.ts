/**
 * CPNet's context matching (models/CPNet_model.py `CM_Module`, no weights): each aligned
 * reference gets one score, the mean product of its value features with the target's over the
 * pixels visible in both; a softmax over the references, masked per pixel to those that see it,
 * weighs their features into the copied features, and the copy mask says where no reference saw.
 */
import { cat, F, where, zeros, type Tensor } from '../../torch/index.js';

/** Below this a sum counts as zero (the official constant). */
const empty = 1e-4;

/** 1 where the map, resized bilinearly to the features' size, exceeds 0.5. */
function visibleAt(map: Tensor, height: number, width: number): Tensor {
  return F.interpolate(map, { size: [height, width], mode: 'bilinear', alignCorners: false }).gt(0.5).to({ dtype: 'float32' });
}

/**
 * `CM_Module.forward` for one target: the decoder's input [1,257,h,w] (target features, copied
 * features, copy mask) from the target's value features [1,C,h,w], the references' [R,C,h,w], the
 * target's visibility [1,1,H,W] and the aligned references' [R,1,H,W].
 */
export function contextMatching(targetFeatures: Tensor, referenceFeatures: Tensor, targetVisible: Tensor, referencesVisible: Tensor): Tensor {
  const [, channels, height, width] = targetFeatures.shape;
  const references = referenceFeatures.shape[0];
  const target = visibleAt(targetVisible, height, width);
  // [R,1,h,w]: a reference's score is the same for every channel, so one channel stands for all.
  const visible = visibleAt(referencesVisible, height, width);
  const both = visible.mul(target);
  const product = both.mul(targetFeatures).mul(referenceFeatures).sum([1, 2, 3]);
  const count = both.sum([1, 2, 3]);
  const none = count.lt(empty);
  const scores = where(none, zeros([references]), product).div(count.add(none.to({ dtype: 'float32' }))).div(channels).view(references, 1, 1, 1);
  const weights = maskedSoftmax(scores.mul(visible), visible);
  const copied = referenceFeatures.mul(weights).sum(0, true);
  const copyMask = weights.mul(visible).sum(0, true).neg().add(1);
  return cat([targetFeatures, copied, copyMask], 1);
}

/** `CM_Module.masked_softmax` over the references (dim 0 here); where no reference is visible, all weights are 0. */
function maskedSoftmax(maskedScores: Tensor, mask: Tensor): Tensor {
  const exps = maskedScores.sub(maskedScores.amax(0, true)).exp().mul(mask);
  const sums = exps.sum(0, true);
  return exps.div(sums.add(sums.lt(empty).to({ dtype: 'float32' })));
}
