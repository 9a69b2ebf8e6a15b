/**
 * DeepFill v2's training losses, as the port trains with them (gan_loss 'hinge', both weights 1):
 * the SN-PatchGAN hinge losses and the L1 reconstruction of both stages over the whole image.
 */
import type { Tensor } from '../../torch/index.js';

/** Discriminator: 0.5 * mean(relu(1 - D(real))) + 0.5 * mean(relu(1 + D(fake))). */
export function hingeLossD(real: Tensor, fake: Tensor): Tensor {
  return real.neg().add(1).relu().mean().mul(0.5).add(fake.add(1).relu().mean().mul(0.5));
}

/** Generator: -mean(D(fake)). */
export function hingeLossG(fake: Tensor): Tensor {
  return fake.mean().neg();
}

/** alpha * (mean|truth - coarse| + mean|truth - refined|): both stages learn to reconstruct. */
export function reconstructionLoss(truth: Tensor, coarse: Tensor, refined: Tensor, alpha = 1): Tensor {
  return truth.sub(coarse).abs().mean().mul(alpha).add(truth.sub(refined).abs().mean().mul(alpha));
}
