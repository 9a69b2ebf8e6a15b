/**
 * CPNet's training loss (Lee et al. 2019, section 3.4; no official training code): the
 * self-supervised alignment loss, L1 between each aligned reference and the target over the
 * pixels both see; L1 of the paste network's output in three regions, the hole where a reference
 * saw (the copy mask 0), the hole where none did, and the rest; perceptual and style on VGG16
 * pool1-3 of the output and of the composite (as partial convolutions, which the paper follows);
 * total variation of the composite on the hole dilated by a pixel. README.md: the weights and
 * where each choice comes from.
 */
import { InvalidOptionError } from '../../core/errors.js';
import {
  dilatedHoleTotalVariation,
  holeL1,
  imagenetNormalize,
  perceptualLoss,
  styleLoss,
  validL1,
  weightedLossTerms,
  type LossTerm,
  type VggFeatures,
} from '../../losses/index.js';
import type { Tensor } from '../../torch/index.js';

/** The paper's terms and weights, in the order its total sums them. */
export const CPNET_LOSS_TERMS: readonly LossTerm[] = [
  { name: 'align', weight: 2 },
  { name: 'vh', weight: 10 },
  { name: 'nvh', weight: 20 },
  { name: 'nh', weight: 6 },
  { name: 'prc', weight: 0.01, vgg: 16 },
  { name: 'style', weight: 24, vgg: 16 },
  { name: 'tv', weight: 0.1 },
];

export interface CPNetLossInputs {
  /** [N,3,S,S] the target frames, in [0,1]. */
  readonly gt: Tensor;
  /** [N,1,S,S] the targets' holes, 1 = hole. */
  readonly hole: Tensor;
  /** [N,3,S,S] the paste network's output. */
  readonly predicted: Tensor;
  /** [N,3,S,S] the output in the hole, gt elsewhere. */
  readonly composite: Tensor;
  /** [N,1,S,S] the copy mask brought to the frame's size: 1 where no reference saw. */
  readonly copyMask: Tensor;
  /** [M,3,S,S] the references aligned onto their targets. */
  readonly aligned: Tensor;
  /** [M,3,S,S] each aligned reference's target. */
  readonly alignedTarget: Tensor;
  /** [M,1,S,S] 1 where the target and the aligned reference both see. */
  readonly visibleInBoth: Tensor;
}

/**
 * The alignment loss: the mean of |aligned − target| over the elements both see (0 where none
 * is). Its gradient reaches the alignment network through the sampling grid.
 */
export function alignmentL1(aligned: Tensor, target: Tensor, visibleInBoth: Tensor): Tensor {
  const elements = visibleInBoth.sum().mul(aligned.shape[1]).clamp(1);
  return aligned.sub(target).abs().mul(visibleInBoth).sum().div(elements);
}

/**
 * The terms in use, unweighted, by name, and their weighted sum. vgg is needed when prc or style
 * is among `terms`.
 */
export function cpnetLoss(inputs: CPNetLossInputs, terms: readonly LossTerm[], vgg?: VggFeatures): { total: Tensor; terms: Record<string, Tensor> } {
  if (!vgg && terms.some((term) => term.vgg)) {
    throw new InvalidOptionError('cpnet loss', 'a VGG16 feature extractor for the prc and style terms', 'none');
  }
  const { gt, hole, predicted, composite, copyMask } = inputs;
  const features = vgg && terms.some((term) => term.vgg)
    ? { output: vgg.call(imagenetNormalize(predicted)), comp: vgg.call(imagenetNormalize(composite)), gt: vgg.call(imagenetNormalize(gt)) }
    : undefined;
  const compute: Record<string, () => Tensor> = {
    align: () => alignmentL1(inputs.aligned, inputs.alignedTarget, inputs.visibleInBoth),
    vh: () => holeL1(predicted, gt, hole.mul(copyMask.neg().add(1))),
    nvh: () => holeL1(predicted, gt, hole.mul(copyMask)),
    nh: () => validL1(predicted, gt, hole),
    prc: () => perceptualLoss(features!.output, features!.gt).add(perceptualLoss(features!.comp, features!.gt)),
    style: () => styleLoss(features!.output, features!.gt).add(styleLoss(features!.comp, features!.gt)),
    tv: () => dilatedHoleTotalVariation(composite, hole),
  };
  return weightedLossTerms(terms, compute);
}
