/**
 * LBAM's learnable attention activation and mask update (Xie et al. 2019, section 3.2; official
 * models/ActivationFunction.py). The asymmetric Gaussian g_A(x) = a exp(-gamma_l (x - mu)^2) for
 * x < mu and 1 + (a - 1) exp(-gamma_r (x - mu)^2) otherwise, with a, mu, gamma_l, gamma_r learnable
 * (official names a, mu, sigma1, sigma2). Like the official forward, every call first clamps the
 * four parameters in place (a to [1.01, 6], mu to [0.1, 3], the gammas to [0.5, 2]): a side effect
 * that training must reproduce, since an optimiser step can push them out between calls.
 */
import { full, noGrad, nn, where, type Tensor } from '../../torch/index.js';

/** Where the official forward clamps each parameter before use. */
const bounds = { a: [1.01, 6], mu: [0.1, 3], sigma1: [0.5, 2], sigma2: [0.5, 2] } as const;

export class GaussActivation extends nn.Module {
  readonly a: Tensor;
  readonly mu: Tensor;
  readonly sigma1: Tensor;
  readonly sigma2: Tensor;

  constructor(a: number, mu: number, sigma1: number, sigma2: number) {
    super();
    this.a = this.registerParameter('a', full([], a));
    this.mu = this.registerParameter('mu', full([], mu));
    this.sigma1 = this.registerParameter('sigma1', full([], sigma1));
    this.sigma2 = this.registerParameter('sigma2', full([], sigma2));
  }

  forward(x: Tensor): Tensor {
    noGrad(() => {
      for (const [name, [low, high]] of Object.entries(bounds)) {
        const parameter = this[name as keyof typeof bounds];
        const clamped = parameter.clamp(low, high);
        parameter.copy_(clamped);
        clamped.dispose();
      }
    });
    const squared = x.sub(this.mu).pow(2);
    const left = this.a.mul(squared.mul(this.sigma1.neg()).exp());
    const right = this.a.sub(1).mul(squared.mul(this.sigma2.neg()).exp()).add(1);
    return where(x.lt(this.mu), left, right);
  }
}

/** The mask update relu(x)^alpha (official MaskUpdate, alpha 0.8 everywhere). */
export function updateMask(maskFeatures: Tensor, alpha = 0.8): Tensor {
  return maskFeatures.relu().pow(alpha);
}
