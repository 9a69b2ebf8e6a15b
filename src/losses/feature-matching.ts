/** Feature matching: the generator matches the discriminator's intermediate features on real data. */
import type { Tensor } from '../torch/index.js';
import { checkPairs, sumOf } from './layer-sum.js';

/**
 * Σ_i mean|fake_i − real_i| with the real features detached: EdgeConnect's EdgeModel `gen_fm_loss`
 * over the five feature maps its Discriminator returns (weighted by FM_LOSS_WEIGHT, 10, there).
 */
export function featureMatchingLoss(fake: readonly Tensor[], real: readonly Tensor[]): Tensor {
  checkPairs(fake, real);
  return sumOf(fake.map((feature, i) => feature.sub(real[i].detach()).abs().mean()));
}
