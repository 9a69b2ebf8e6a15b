/** WGAN-GP's gradient penalty (Gulrajani et al. 2017), as LBAM's `calc_gradient_penalty` computes it. */
import { autograd, type Tensor } from '../torch/index.js';

/**
 * weight · mean_b (‖∇ₓ D(x̂)_b‖₂ − 1)² at x̂ = α·real + (1 − α)·fake (both detached), α one value
 * per sample ([B,1,1,1], uniform in [0,1) in training; given here so that a run is reproducible).
 * The gradient is built with createGraph, so the penalty back-propagates into D's parameters.
 */
export function gradientPenalty(
  critic: (x: Tensor) => Tensor,
  real: Tensor,
  fake: Tensor,
  alpha: Tensor,
  weight = 10,
): Tensor {
  const mixed = real.detach().mul(alpha).add(fake.detach().mul(alpha.neg().add(1))).detach().requiresGrad_();
  const score = critic(mixed);
  const [gradient] = autograd.grad(score.sum(), mixed, { createGraph: true });
  const norms = gradient!.reshape(gradient!.shape[0], -1).pow(2).sum(1).sqrt();
  return norms.sub(1).pow(2).mean().mul(weight);
}
