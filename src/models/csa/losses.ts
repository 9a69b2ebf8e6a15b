/**
 * CSA's losses as CSA.py computes them (backward_D, backward_G), on images in [-1,1]:
 * - L1: lambda_A (100) x (L1(fake_B, real) + L1(fake_P, real));
 * - adversarial: the relativistic average LS loss (networks.GANLoss) of netD on images plus that
 *   of netF on VGG16 pool3 features (vgg16.py's `relu3_3`: its slice3 takes features[10:17],
 *   which ends with the pooling), x gan_weight (0.2) in the generator's loss; the
 *   discriminators' loss is 0.5 D + 0.5 F. The features netF judges in the generator's loss come
 *   from the detached output (backward_D computed them from `fake_B.data`): that term has a value
 *   and no gradient for the generators;
 * - consistency: MSE of the CSA layer's output (InnerCos) and of the decoder's features at the same
 *   scale (InnerCos2), each times the 1/8-scale hole mask, against VGG16 relu4_3 of the ground
 *   truth; added as `Variable(gl.loss.data, requires_grad=True)`: a constant, no gradient.
 * VGG16 takes the [-1,1] images as they are (no ImageNet normalisation), as the official code does.
 */
import { relativisticAverageLeastSquares as rals } from '../../losses/index.js';
import type { Tensor } from '../../torch/index.js';

export const CSA_LOSS_WEIGHTS = { l1: 100, adversarial: 0.2, consistency: 1 } as const;

/** lambda_A x (L1(refined, real) + L1(rough, real)). */
export function reconstructionLoss(real: Tensor, roughFill: Tensor, refined: Tensor): Tensor {
  return refined.sub(real).abs().mean().add(roughFill.sub(real).abs().mean()).mul(CSA_LOSS_WEIGHTS.l1);
}

/** Scores of one discriminator on real and generated inputs. */
export interface Scores {
  readonly real: Tensor;
  readonly fake: Tensor;
}

/** 0.5 x RaLS(netD) + 0.5 x RaLS(netF) (netF's left out when its scores are not given). */
export function discriminatorLoss(patch: Scores, feature: Scores | null): Tensor {
  const patchLoss = rals.discriminator(patch.real, patch.fake).mul(0.5);
  return feature ? patchLoss.add(rals.discriminator(feature.real, feature.fake).mul(0.5)) : patchLoss;
}

/** RaLS(netD) + RaLS(netF) for the generators (before gan_weight). */
export function generatorAdversarialLoss(patch: Scores, feature: Scores | null): Tensor {
  const patchLoss = rals.generator(patch.fake, patch.real);
  return feature ? patchLoss.add(rals.generator(feature.fake, feature.real)) : patchLoss;
}

/** InnerCos + InnerCos2: MSE(features x hole mask, target) of both probes, detached (a constant). */
export function consistencyLoss(encoderFeatures: Tensor, decoderFeatures: Tensor, featureMask: Tensor, target: Tensor): Tensor {
  const mse = (features: Tensor) => features.detach().mul(featureMask).sub(target.detach()).pow(2).mean();
  return mse(encoderFeatures).add(mse(decoderFeatures)).mul(CSA_LOSS_WEIGHTS.consistency);
}
