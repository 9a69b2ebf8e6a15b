/**
 * The training forward (pluralistic_model.py `forward`): the encoder on the visible pixels and on
 * the hole's content at once, giving the prior and the posterior; a latent code drawn from each
 * (reparameterised: mu + sigma * eps); the generator on both codes, each conditioned on the
 * visible image's features. The reconstructive path (posterior code) should give back the photo,
 * the generative path (prior code) a plausible completion.
 */
import { cat, F, type Tensor } from '../../torch/index.js';
import type { Gaussian, ResEncoder } from './encoder.js';
import type { ResGenerator } from './generator.js';

export interface TwoPathsOutput {
  readonly prior: Gaussian;
  readonly posterior: Gaussian;
  /** The reconstructive path's images, 1/8 .. 1 of the side. */
  readonly reconstructed: Tensor[];
  /** The generative path's images, 1/8 .. 1 of the side. */
  readonly generated: Tensor[];
}

/**
 * truth: [B,3,S,S] in [-1,1]; mask: [B,1,S,S], 1 = valid; the standard-normal draws of the
 * posterior's and the prior's codes.
 */
export function twoPaths(encoder: ResEncoder, generator: ResGenerator, truth: Tensor, mask: Tensor, eps: { posterior: Tensor; prior: Tensor }): TwoPathsOutput {
  const { prior, posterior, features } = encoder.call(truth.mul(mask), truth.mul(mask.neg().add(1)));
  const batch = truth.shape[0];
  const visibleHalf = (f: Tensor) => f.narrow(0, 0, batch);
  const deepest = visibleHalf(features[4]);
  const attended = visibleHalf(features[2]);
  const maskSmall = F.interpolate(mask, { size: [attended.shape[2], attended.shape[3]], mode: 'bilinear', alignCorners: true });
  const z = cat([posterior!.mu.add(eps.posterior.mul(posterior!.sigma)), prior.mu.add(eps.prior.mul(prior.sigma))]);
  const images = generator.call(z, { deepest: cat([deepest, deepest]), attended: cat([attended, attended]), mask: cat([maskSmall, maskSmall]) });
  return {
    prior,
    posterior: posterior!,
    reconstructed: images.map((image) => image.narrow(0, 0, batch)),
    generated: images.map((image) => image.narrow(0, batch, batch)),
  };
}
