/**
 * The adversarial objectives of the networks here, each as the pair (discriminator loss, generator
 * loss) on the discriminator's outputs for real and generated images. The discriminator's inputs
 * for its own loss are the caller's to detach.
 */
import { InvalidInputError } from '../core/errors.js';
import type { Tensor } from '../torch/index.js';

/** Discriminator and generator losses of one adversarial objective. */
export interface AdversarialObjective {
  discriminator(real: Tensor, fake: Tensor): Tensor;
  /** Relativistic objectives need the real outputs too; the others ignore them. */
  generator(fake: Tensor, real?: Tensor): Tensor;
}

/**
 * Hinge (EdgeConnect/PRVS/StructureFlow `AdversarialLoss('hinge')`, DeepFill v2's SN-PatchGAN):
 * D: (mean relu(1 − D(real)) + mean relu(1 + D(fake))) / 2; G: −mean D(fake).
 */
export const hinge: AdversarialObjective = {
  discriminator: (real, fake) => real.neg().add(1).relu().mean().add(fake.add(1).relu().mean()).div(2),
  generator: (fake) => fake.mean().neg(),
};

/**
 * Non-saturating GAN on probabilities (the discriminator ends in a sigmoid), with nn.BCELoss:
 * D: (BCE(D(real), 1) + BCE(D(fake), 0)) / 2; G: BCE(D(fake), 1). EdgeConnect's and PRVS's
 * `AdversarialLoss('nsgan')` as their models combine it.
 */
export const nonSaturating: AdversarialObjective = {
  discriminator: (real, fake) => binaryCrossEntropy(real, 1).add(binaryCrossEntropy(fake, 0)).div(2),
  generator: (fake) => binaryCrossEntropy(fake, 1),
};

/** LSGAN: D: (mean (D(real) − 1)² + mean D(fake)²) / 2; G: mean (D(fake) − 1)² (`AdversarialLoss('lsgan')`). */
export const leastSquares: AdversarialObjective = {
  discriminator: (real, fake) => real.sub(1).pow(2).mean().add(fake.pow(2).mean()).div(2),
  generator: (fake) => fake.sub(1).pow(2).mean(),
};

/**
 * Relativistic average least squares, as CSA's GANLoss computes it (its target is 1 on both
 * sides): D: (mean (r − mean f − 1)² + mean (f − mean r + 1)²) / 2, G the same with the signs of
 * the 1s swapped.
 */
export const relativisticAverageLeastSquares: AdversarialObjective = {
  discriminator: (real, fake) => relativistic(real, fake, 1),
  generator: (fake, real) => {
    if (!real) throw new InvalidInputError('real', "the discriminator's outputs on real images (the relativistic loss compares with them)", 'nothing');
    return relativistic(real, fake, -1);
  },
};

/**
 * WGAN: D: mean D(fake) − mean D(real) (add gradientPenalty for WGAN-GP); G: −mean D(fake). LBAM's
 * generator adds +0.1·mean D(output) instead, a sign its code has: use fake.mean() for that.
 */
export const wasserstein: AdversarialObjective = {
  discriminator: (real, fake) => fake.mean().sub(real.mean()),
  generator: (fake) => fake.mean().neg(),
};

/** nn.BCELoss against a constant label, with its clamp of each log at −100. */
export function binaryCrossEntropy(probability: Tensor, label: 0 | 1): Tensor {
  const logOf = (p: Tensor): Tensor => p.log().clamp(-100);
  const perElement = label === 1 ? logOf(probability) : logOf(probability.neg().add(1));
  return perElement.mean().neg();
}

function relativistic(real: Tensor, fake: Tensor, sign: 1 | -1): Tensor {
  const realTerm = real.sub(fake.mean()).sub(sign).pow(2).mean();
  const fakeTerm = fake.sub(real.mean()).add(sign).pow(2).mean();
  return realTerm.add(fakeTerm).div(2);
}
