/**
 * LBAM's losses as the official loss/InpaintingLoss.py `InpaintingLossWithGAN` computes them, on
 * src/losses. Masks here are LBAM's (1 = valid).
 * - The critic: mean D(output) + mean D(gt) + 10 * gradient penalty at alpha * gt +
 *   (1 - alpha) * output, alpha one uniform value per image. The official code negates D_real
 *   (`D_real = D_real.mean() * -1`) and then subtracts it (`D_fake - D_real + gp`): WGAN-GP with
 *   the real term's sign flipped, so its critic pushes both scores down. Reproduced as written.
 * - The generator: 6 * hole L1 + valid L1 + 0.01 * (perceptual of output and of the composite,
 *   VGG16 pool1-3, [0, 1] inputs without ImageNet normalisation) + 120 * (style of both) +
 *   0.1 * mean D(output). The adversarial term's sign is the official one: + mean D, with D a
 *   sigmoid (the critic pushes mean D(output) down, so the generator's term pulls with it).
 */
import { gradientPenalty, holeL1, perceptualLoss, styleLoss, validL1 } from '../../losses/index.js';
import type { Tensor } from '../../torch/index.js';
import type { DiscriminatorDoubleColumn } from './discriminator.js';

/** The generator loss's weights, as the official code writes them. */
export const LBAM_LOSS_WEIGHTS = { hole: 6, valid: 1, perceptual: 0.01, style: 120, adversarial: 0.1 } as const;

/** The WGAN-GP penalty's weight (train.py: Lamda=10.0). */
const PENALTY_WEIGHT = 10;

export interface CriticLoss {
  readonly total: Tensor;
  readonly dReal: Tensor;
  readonly dFake: Tensor;
  readonly penalty: Tensor;
}

/** The critic's loss; output is detached for the penalty only, as the official code does. */
export function lbamCriticLoss(discriminator: DiscriminatorDoubleColumn, output: Tensor, gt: Tensor, valid: Tensor, alpha: Tensor): CriticLoss {
  const dReal = discriminator.call(gt, valid).mean();
  const dFake = discriminator.call(output, valid).mean();
  const penalty = gradientPenalty((x) => discriminator.call(x, valid), gt, output, alpha, PENALTY_WEIGHT);
  return { total: dFake.add(dReal).add(penalty), dReal, dFake, penalty };
}

export interface GeneratorLossTerms {
  readonly hole: Tensor;
  readonly valid: Tensor;
  readonly perceptual: Tensor;
  readonly style: Tensor;
  readonly adversarial: Tensor;
  readonly total: Tensor;
}

/** VGG16's pool1, pool2, pool3 of an image (VggFeatures with PCONV_VGG16_LAYERS). */
export type FeatureExtractor = (image: Tensor) => Tensor[];

/**
 * The generator's loss. `input` is the masked image (the composite keeps its known pixels),
 * `dFake` is mean D(output) (differentiable in output).
 */
export function lbamGeneratorLoss(features: FeatureExtractor, input: Tensor, valid: Tensor, output: Tensor, gt: Tensor, dFake: Tensor): GeneratorLossTerms {
  const w = LBAM_LOSS_WEIGHTS;
  const hole = valid.neg().add(1);
  const composite = valid.mul(input).add(hole.mul(output));
  const [fComposite, fOutput, fGt] = [features(composite), features(output), features(gt)];
  const perceptualWeights = fGt.map(() => w.perceptual);
  const terms = {
    hole: holeL1(output, gt, hole).mul(w.hole),
    valid: validL1(output, gt, hole).mul(w.valid),
    perceptual: perceptualLoss(fOutput, fGt, perceptualWeights).add(perceptualLoss(fComposite, fGt, perceptualWeights)),
    style: styleLoss(fOutput, fGt).add(styleLoss(fComposite, fGt)).mul(w.style),
    adversarial: dFake.mul(w.adversarial),
  };
  const total = terms.hole.add(terms.valid).add(terms.perceptual).add(terms.style).add(terms.adversarial);
  return { ...terms, total };
}
