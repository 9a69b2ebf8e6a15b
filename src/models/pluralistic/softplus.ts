/** softplus(x) = log(1 + e^x), computed as relu(x) + log(1 + e^-|x|) so that no exp overflows. */
import type { Tensor } from '../../torch/index.js';

export function softplus(x: Tensor): Tensor {
  return x.relu().add(x.abs().neg().exp().add(1).log());
}
