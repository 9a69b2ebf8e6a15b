/**
 * Pluralistic's training losses as pluralistic_model.py weighs them (`get_distribution`,
 * `backward_G`, `backward_D`; defaults lambda_rec = lambda_kl = 20, lambda_g = 1, output_scale 4,
 * gan_mode lsgan, train_paths 'two'):
 * - kl_rec = KL(N(0, sigma_m) || posterior) and kl_g = KL(posterior, detached || prior), each
 *   averaged and times lambda_kl * output_scale; sigma_m shrinks as the visible share grows;
 * - app_rec = sum over the four scales of L1(reconstruction, photo), app_g the same for the
 *   generative path on the visible pixels only, each times lambda_rec;
 * - ad_g = LSGAN's generator loss on D(generated), times lambda_g;
 * - ad_rec = MSE(D_rec(reconstruction), D_rec(photo)), times lambda_g: matching the second
 *   discriminator's output on the photo rather than a label;
 * - each discriminator: LSGAN's (real + fake) / 2.
 */
import { leastSquares } from '../../losses/index.js';
import { F, type Tensor } from '../../torch/index.js';
import type { Gaussian } from './encoder.js';
import type { TwoPathsOutput } from './two-paths.js';

export const LAMBDA_REC = 20;
export const LAMBDA_KL = 20;
export const LAMBDA_G = 1;
const OUTPUT_SCALES = 4;

/** torch.distributions.kl_divergence of two Normals, elementwise. */
export function normalKl(p: Gaussian, q: Gaussian): Tensor {
  const varianceRatio = p.sigma.div(q.sigma).pow(2);
  const meanTerm = p.mu.sub(q.mu).div(q.sigma).pow(2);
  return varianceRatio.add(meanTerm).sub(1).sub(varianceRatio.log()).mul(0.5);
}

/** The spread assumed for the hole's code: 1 / (1 + e^(8 (visible share - 0.8))), per sample. */
export function holePriorSigma(mask: Tensor): Tensor {
  const visible = mask.reshape(mask.shape[0], -1).mean([1]).sub(1e-5).reshape(-1, 1, 1, 1);
  return visible.sub(0.8).mul(8).exp().add(1).pow(-1);
}

/** task.scale_pyramid: the image at 1/8, 1/4, 1/2 and 1 of the side (bilinear, corners aligned). */
export function scalePyramid(x: Tensor): Tensor[] {
  const [, , h, w] = x.shape;
  const scaled = [x];
  for (let i = 1; i < OUTPUT_SCALES; i++) {
    scaled.push(F.interpolate(x, { size: [Math.floor(h / 2 ** i), Math.floor(w / 2 ** i)], mode: 'bilinear', alignCorners: true }));
  }
  return scaled.reverse();
}

export interface GeneratorLossTerms {
  readonly kl_rec: Tensor;
  readonly kl_g: Tensor;
  readonly app_rec: Tensor;
  readonly app_g: Tensor;
  readonly ad_g: Tensor;
  readonly ad_rec: Tensor;
}

/**
 * The generator's (and encoder's) loss terms; `discriminate` and `discriminateRec` run net_D and
 * net_D_rec (frozen: the caller's optimiser does not step them).
 */
export function generatorLossTerms(
  out: TwoPathsOutput,
  truth: Tensor,
  mask: Tensor,
  discriminate: (x: Tensor) => Tensor,
  discriminateRec: (x: Tensor) => Tensor,
): GeneratorLossTerms {
  const sigma = holePriorSigma(mask);
  const holePrior = { mu: out.posterior.mu.detach().mul(0), sigma: out.posterior.sigma.detach().mul(0).add(sigma) };
  const fixedPosterior = { mu: out.posterior.mu.detach(), sigma: out.posterior.sigma.detach() };
  const klWeight = LAMBDA_KL * OUTPUT_SCALES;
  const truths = scalePyramid(truth);
  const masks = scalePyramid(mask);
  const sum = (terms: Tensor[]) => terms.reduce((a, b) => a.add(b));
  const l1 = (a: Tensor, b: Tensor) => a.sub(b).abs().mean();
  const reconstructed = out.reconstructed[OUTPUT_SCALES - 1];
  return {
    kl_rec: normalKl(holePrior, out.posterior).mean().mul(klWeight),
    kl_g: normalKl(fixedPosterior, out.prior).mean().mul(klWeight),
    app_rec: sum(out.reconstructed.map((image, i) => l1(image, truths[i]))).mul(LAMBDA_REC),
    app_g: sum(out.generated.map((image, i) => l1(image.mul(masks[i]), truths[i].mul(masks[i])))).mul(LAMBDA_REC),
    ad_g: leastSquares.generator(discriminate(out.generated[OUTPUT_SCALES - 1])).mul(LAMBDA_G),
    ad_rec: discriminateRec(reconstructed).sub(discriminateRec(truth)).pow(2).mean().mul(LAMBDA_G),
  };
}

/** One discriminator's LSGAN loss, (MSE(D(real), 1) + MSE(D(fake), 0)) / 2; fake is detached here. */
export function discriminatorLoss(discriminate: (x: Tensor) => Tensor, real: Tensor, fake: Tensor): Tensor {
  return leastSquares.discriminator(discriminate(real), discriminate(fake.detach()));
}
