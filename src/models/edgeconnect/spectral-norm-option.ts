import { nn } from '../../torch/index.js';
import type { AnyModule } from '../../torch/nn/module.js';

/** The official `spectral_norm(module, mode)`: torch's spectral normalisation when `mode` is on. */
export function maybeSpectralNorm<M extends AnyModule>(module: M, mode: boolean): M {
  return mode ? nn.spectralNorm(module) : module;
}
