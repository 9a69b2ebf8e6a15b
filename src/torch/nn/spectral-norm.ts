/**
 * Spectral normalisation as torch.nn.utils.spectral_norm computes it (Miyato et al. 2018): the
 * parameter `weight` becomes `weight_orig`, with buffers `weight_u` and `weight_v` holding the
 * power iteration's singular vectors. Before every forward (through `call`) the module's weight
 * is recomputed as weight_orig / sigma, sigma = u . (W v) with W the weight as a matrix; in
 * training mode one power iteration (by default) first updates u and v in place.
 */
import { InvalidOptionError } from '../../core/errors.js';
import { randn } from '../creation.js';
import { noGrad } from '../grad-mode.js';
import { tidy } from '../scope.js';
import type { Tensor } from '../tensor.js';
import { ConvTranspose2d } from './conv.js';
import type { AnyModule } from './module.js';

export interface SpectralNormOptions {
  /** The parameter to normalise. @default 'weight' */
  name?: string;
  /** Power iterations per training forward. @default 1 */
  nPowerIterations?: number;
  /** Floor of the norms the vectors are divided by. @default 1e-12 */
  eps?: number;
  /** The dimension of output channels, made the matrix's rows. @default 1 for ConvTranspose2d, else 0 */
  dim?: number;
}

/** Applies spectral normalisation to module's parameter in place and returns the module. */
export function spectralNorm<M extends AnyModule>(module: M, options: SpectralNormOptions = {}): M {
  const name = options.name ?? 'weight';
  const iterations = options.nPowerIterations ?? 1;
  const eps = options.eps ?? 1e-12;
  if (!Number.isInteger(iterations) || iterations < 0) {
    throw new InvalidOptionError('nPowerIterations', 'an integer >= 0', iterations);
  }
  if (!(eps > 0)) throw new InvalidOptionError('eps', 'a number > 0', eps);
  const weight = module.getParameter(name);
  if (!weight) throw new InvalidOptionError('name', 'a parameter of the module', name);
  const dim = options.dim ?? (module instanceof ConvTranspose2d ? 1 : 0);
  if (!Number.isInteger(dim) || dim < 0 || dim >= weight.dim) {
    throw new InvalidOptionError('dim', `an integer in [0, ${weight.dim - 1}]`, dim);
  }
  module.removeParameter(name);
  const height = weight.shape[dim];
  const width = weight.numel / height;
  module.registerParameter(`${name}_orig`, weight);
  // u then v from the generator, as PyTorch draws them.
  const u = module.registerBuffer(`${name}_u`, noGrad(() => tidy(() => normalize(randn([height]), eps))));
  const v = module.registerBuffer(`${name}_v`, noGrad(() => tidy(() => normalize(randn([width]), eps))));
  const slot = module as unknown as Record<string, Tensor>;
  slot[name] = weight;
  module.registerForwardPreHook(() => {
    const previous = slot[name];
    slot[name] = normalisedWeight(weight, u, v, { dim, iterations, eps, training: module.training });
    // The graph that used the previous weight keeps its own reference; only the handle goes.
    if (previous !== weight) previous.dispose();
  });
  return module;
}

function normalisedWeight(
  weight: Tensor,
  u: Tensor,
  v: Tensor,
  options: { dim: number; iterations: number; eps: number; training: boolean },
): Tensor {
  return tidy(() => {
    const matrix = asMatrix(weight, options.dim);
    let uNow = u;
    let vNow = v;
    if (options.training && options.iterations > 0) {
      noGrad(() => {
        const rows = matrix.detach();
        for (let i = 0; i < options.iterations; i++) {
          v.copy_(normalize(rows.transpose(0, 1).matmul(u), options.eps));
          u.copy_(normalize(rows.matmul(v), options.eps));
        }
      });
      // Copies, so that the next forward's in-place update cannot touch this graph's inputs.
      uNow = u.clone();
      vNow = v.clone();
    }
    const sigma = uNow.matmul(matrix.matmul(vNow));
    return weight.div(sigma);
  });
}

/** The weight as a [size of dim, rest] matrix, dim moved to the front first. */
function asMatrix(weight: Tensor, dim: number): Tensor {
  const order = [dim, ...weight.shape.map((_, i) => i).filter((i) => i !== dim)];
  const moved = dim === 0 ? weight : weight.permute(...order);
  return moved.reshape(weight.shape[dim], -1);
}

/** x / max(|x|, eps), as F.normalize over a vector. */
function normalize(x: Tensor, eps: number): Tensor {
  return x.div(x.pow(2).sum().sqrt().clamp(eps));
}
