/**
 * Pluralistic's own spectral normalisation (model/external_function.py `SpectralNorm`, after
 * christiancosgrove's), not torch's: a wrapper module whose child `module` is the convolution,
 * whose weight becomes `weight_bar` beside the power-iteration vectors `weight_u` and `weight_v`
 * (hence the official keys `conv1.module.weight_bar`, ...). Unlike torch's it runs one power
 * iteration on EVERY forward, evaluation included, and views a transposed convolution's weight
 * with its first dimension (in_channels) as the rows; it divides by |x| + 1e-12, not max(|x|, eps).
 */
import { noGrad, randn, tidy, type Tensor, nn } from '../../torch/index.js';

type Convolution = nn.Conv2d | nn.ConvTranspose2d;

export class OfficialSpectralNorm<C extends Convolution = Convolution> extends nn.Module {
  readonly module: C;
  readonly #u: Tensor;
  readonly #v: Tensor;
  readonly #weightBar: Tensor;

  constructor(module: C) {
    super();
    const weight = module.removeParameter('weight');
    const height = weight.shape[0];
    // u and v are requires_grad=False Parameters in the official code; buffers here, so that no
    // optimiser sees them. Their state-dict names are the official ones either way.
    this.#u = module.registerBuffer('weight_u', noGrad(() => tidy(() => l2normalize(randn([height])))));
    this.#v = module.registerBuffer('weight_v', noGrad(() => tidy(() => l2normalize(randn([weight.numel / height])))));
    this.#weightBar = module.registerParameter('weight_bar', weight);
    this.module = module;
    this.registerModule('module', module as nn.AnyModule);
  }

  forward(x: Tensor): Tensor {
    const matrix = this.#weightBar.reshape(this.#weightBar.shape[0], -1);
    noGrad(() => tidy(() => {
      const rows = matrix.detach();
      this.#v.copy_(l2normalize(rows.transpose(0, 1).matmul(this.#u)));
      this.#u.copy_(l2normalize(rows.matmul(this.#v)));
    }));
    // Copies, so that the next forward's in-place update leaves this graph's inputs alone.
    const sigma = this.#u.clone().matmul(matrix.matmul(this.#v.clone()));
    this.module.weight = this.#weightBar.div(sigma);
    return this.module.call(x);
  }
}

/** v / (|v| + 1e-12), the official l2normalize. */
function l2normalize(v: Tensor): Tensor {
  return v.div(v.pow(2).sum().sqrt().add(1e-12));
}
