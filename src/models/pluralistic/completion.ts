/**
 * The official test pipeline (pluralistic_model.py `test`): the encoder's prior from the visible
 * pixels, then for each sample a latent code, the generator's full-size image, and the known
 * pixels pasted back. Samples run one after the other through the same networks, so each
 * advances the generator's spectral-norm state as the official loop does.
 */
import { F, randn, type Tensor } from '../../torch/index.js';
import { ShapeCheck } from '../common/check-shape.js';
import type { ResEncoder } from './encoder.js';
import type { ResGenerator } from './generator.js';

/** How a latent code is drawn: a sample of the prior (official), or its mean (deterministic). */
export type LatentMode = 'sample' | 'mean';

export interface CompletionInputs {
  /** The image times the mask, [1,3,H,W] in [-1,1]. */
  readonly visible: Tensor;
  /** 1 = valid, [1,1,H,W]. */
  readonly mask: Tensor;
}

/** The network's input from pixels in [-1,1] and a mask with 1 = valid: img_m = mask * img. */
export function completionInputs(pixels: Tensor, mask: Tensor): CompletionInputs {
  return { visible: pixels.mul(mask), mask };
}

/** `count` completions, [1,3,H,W] each in [-1,1]; sampling draws from the current generator (seed it first). */
export function complete(encoder: ResEncoder, generator: ResGenerator, { visible, mask }: CompletionInputs, count: number, mode: LatentMode): Tensor[] {
  new ShapeCheck('Pluralistic').check('visible', visible, ['B', 3, 'H', 'W']).check('mask', mask, ['B|1', 1, 'H', 'W']).multipleOf(['H', 'W'], 32);
  const { prior, features } = encoder.call(visible);
  const attended = features[2];
  const maskSmall = F.interpolate(mask, { size: [attended.shape[2], attended.shape[3]], mode: 'bilinear', alignCorners: true });
  const hole = mask.neg().add(1);
  const completions: Tensor[] = [];
  for (let i = 0; i < count; i++) {
    // Normal(mu, sigma).sample() is torch.normal(mu, sigma): mu + sigma * N(0, 1), drawn in one go.
    const z = mode === 'mean' ? prior.mu : prior.mu.add(prior.sigma.mul(randn(prior.mu.shape)));
    const images = generator.call(z, { deepest: features[features.length - 1], attended, mask: maskSmall });
    completions.push(hole.mul(images[images.length - 1]).add(mask.mul(visible)));
  }
  return completions;
}
