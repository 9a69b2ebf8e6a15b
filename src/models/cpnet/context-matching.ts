/**
 * CPNet's context matching (models/CPNet_model.py `CM_Module`, no weights): each aligned
 * reference gets one score, the mean product of its value features with the target's over the
 * pixels visible in both; a softmax over the references, masked per pixel to those that see it,
 * weighs their features into the copied features, and the copy mask says where no reference saw.
 */
import { cat, F, stack, where, zeros, type Tensor } from '../../torch/index.js';

/** Below this a sum counts as zero (the official constant). */
const empty = 1e-4;

/** 1 where the map, resized bilinearly to the features' size, exceeds 0.5. */
function visibleAt(map: Tensor, height: number, width: number): Tensor {
  return F.interpolate(map, { size: [height, width], mode: 'bilinear', alignCorners: false }).gt(0.5).to({ dtype: 'float32' });
}

/**
 * `CM_Module.forward`: the decoder's input [B,257,h,w] (target features, copied features, copy
 * mask) from the target's value features [B,C,h,w], the references' [B,C,h,w] each, the target's
 * visibility [B,1,H,W] and each aligned reference's [B,1,H,W].
 */
export function contextMatching(targetFeatures: Tensor, referenceFeatures: readonly Tensor[], targetVisible: Tensor, referencesVisible: readonly Tensor[]): Tensor {
  const [batch, channels, height, width] = targetFeatures.shape;
  const target = visibleAt(targetVisible, height, width);
  const visible = referencesVisible.map((map) => visibleAt(map, height, width));
  const scores = referenceFeatures.map((features, r) => {
    const both = target.mul(visible[r]);
    const product = both.mul(targetFeatures).mul(features).sum([1, 2, 3]);
    const count = both.sum([1, 2, 3]);
    const none = count.lt(empty);
    const safeCount = count.add(none.to({ dtype: 'float32' }));
    return where(none, zeros([batch]), product).div(safeCount).div(channels).view(batch, 1, 1, 1);
  });
  // [B,1,T,h,w]: the score is the same for every channel, so one channel stands for all.
  const visibleStack = stack(visible, 2);
  const weights = maskedSoftmax(stack(scores, 2).mul(visibleStack), visibleStack);
  const copied = stack(referenceFeatures, 2).mul(weights).sum(2);
  const copyMask = weights.mul(visibleStack).sum(2).neg().add(1);
  return cat([targetFeatures, copied, copyMask], 1);
}

/** `CM_Module.masked_softmax` over the references (dim 2); where no reference is visible, all weights are 0. */
function maskedSoftmax(maskedScores: Tensor, mask: Tensor): Tensor {
  const exps = maskedScores.sub(maskedScores.amax(2, true)).exp().mul(mask);
  const sums = exps.sum(2, true);
  return exps.div(sums.add(sums.lt(empty).to({ dtype: 'float32' })));
}
