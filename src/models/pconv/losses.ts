/**
 * The partial-convolution training loss as naoto0804's loss.py (`InpaintingLoss`) and opt.py
 * (`LAMBDA_DICT`) compute it, on the shared losses (src/losses): valid and hole L1 (means over the
 * whole image), perceptual and style on VGG16 pool1-3 of the output and of the composite, each
 * against the ground truth's, and total variation of the composite over the whole image. Images
 * are ImageNet-normalised (the network's range, so VGG sees them that way too); the mask is
 * 1 = valid, as naoto0804's.
 */
import { InvalidOptionError } from '../../core/errors.js';
import { holeL1, perceptualLoss, styleLoss, totalVariation, validL1, weightedLossTerms, type LossTerm, type VggFeatures } from '../../losses/index.js';
import type { Tensor } from '../../torch/index.js';

/** opt.LAMBDA_DICT, in its order (the order the total is summed in). */
export const PCONV_LOSS_TERMS: readonly LossTerm[] = [
  { name: 'valid', weight: 1 },
  { name: 'hole', weight: 6 },
  { name: 'tv', weight: 0.1 },
  { name: 'prc', weight: 0.05, vgg: 16 },
  { name: 'style', weight: 120, vgg: 16 },
];

export interface PConvLossInputs {
  /** The network's input: the ground truth with the hole zeroed. */
  readonly input: Tensor;
  /** 1 = valid. */
  readonly mask: Tensor;
  readonly output: Tensor;
  readonly gt: Tensor;
}

/**
 * The terms in use, unweighted, by name (`valid`, `hole`, `tv`, `prc`, `style`), and their weighted
 * sum `total`. vgg is needed when prc or style is among `terms`.
 */
export function pconvLoss({ input, mask, output, gt }: PConvLossInputs, terms: readonly LossTerm[], vgg?: VggFeatures): { total: Tensor; terms: Record<string, Tensor> } {
  if (!vgg && terms.some((term) => term.vgg)) {
    throw new InvalidOptionError('pconv loss', 'a VGG16 feature extractor for the prc and style terms', 'none');
  }
  const hole = mask.neg().add(1);
  const comp = mask.mul(input).add(hole.mul(output));
  const features = vgg && terms.some((term) => term.vgg) ? { output: vgg.call(output), comp: vgg.call(comp), gt: vgg.call(gt) } : undefined;
  const compute: Record<string, () => Tensor> = {
    valid: () => validL1(output, gt, hole),
    hole: () => holeL1(output, gt, hole),
    tv: () => totalVariation(comp),
    prc: () => perceptualLoss(features!.output, features!.gt).add(perceptualLoss(features!.comp, features!.gt)),
    style: () => styleLoss(features!.output, features!.gt).add(styleLoss(features!.comp, features!.gt)),
  };
  return weightedLossTerms(terms, compute);
}
