/**
 * GLCIC's training losses (paper, equations 2 and 3, alpha = 0.0004): the completion network
 * minimises the weighted MSE in the hole plus alpha times the adversarial loss; the context
 * discriminator minimises alpha times binary cross-entropy on real and completed images. The MSE is
 * a mean over all pixels of the hole-masked difference, as the widely used PyTorch port
 * (otenim/GLCIC-PyTorch) computes the paper's ||M (C(x, M) - x)||^2, and the discriminator's
 * term is that port's alpha (BCE(real, 1) + BCE(fake, 0)) / 2.
 */
import { nonSaturating } from '../../losses/index.js';
import type { Tensor } from '../../torch/index.js';

export const ALPHA = 0.0004;

/** mean((M * (output - real))^2): the hole's squared error (the paper's L(x, M_c)). */
export function holeMse(output: Tensor, real: Tensor, mask: Tensor): Tensor {
  return output.sub(real).mul(mask).pow(2).mean();
}

/** The completion network's loss and its terms: hole MSE + alpha * BCE(D(completed), 1). */
export function completionLoss(output: Tensor, real: Tensor, mask: Tensor, fakeScores: Tensor, alpha = ALPHA): { mse: Tensor; gan: Tensor; total: Tensor } {
  const mse = holeMse(output, real, mask);
  const gan = nonSaturating.generator(fakeScores);
  return { mse, gan, total: mse.add(gan.mul(alpha)) };
}

/** The discriminator's loss: alpha * (BCE(D(real), 1) + BCE(D(completed), 0)) / 2. */
export function discriminatorLoss(realScores: Tensor, fakeScores: Tensor, alpha = ALPHA): Tensor {
  return nonSaturating.discriminator(realScores, fakeScores).mul(alpha);
}
