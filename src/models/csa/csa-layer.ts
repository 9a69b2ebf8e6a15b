/**
 * The CSA layer (CSA_model.py with CSAFunction.py) as a module: each feature of the hole is
 * rebuilt from the known features by the coherent attention (coherent-attention.ts). The hole
 * flags come with every input (`setHoles`), never cached from the first one as the official
 * `fixed_mask` does.
 *
 * Gradient: the official forward is built from `.data` and its hand-written backward returns
 * grad + triple_w * W^T grad, where W is the attention stored in a LongTensor (`ind_lst`), which
 * truncates every weight toward zero (the one-hot rows survive, the mixed ones mostly vanish).
 * Ours computes the same: the output's value is the attention's, its gradient that of
 * x + triple_w * x W^T with W truncated likewise.
 */
import { InvalidInputError } from '../../core/errors.js';
import { cat, isGradEnabled, nn, tensor, type Tensor } from '../../torch/index.js';
import { coherentAttention, knownPositions, normalisedKnownFeatures } from './coherent-attention.js';

export class CoherentSemanticAttention extends nn.Module {
  #holes: Uint8Array | null = null;

  /** triple_w of the official backward (opt.triple_weight = 1). */
  constructor(readonly tripleWeight = 1) {
    super();
  }

  /** The hole flags (1 = hole) of the next input's positions, in raster order at the layer's scale. */
  setHoles(holes: Uint8Array): void {
    this.#holes = holes;
  }

  forward(x: Tensor): Tensor {
    const [batch, channels, height, width] = x.shape;
    const holes = this.#holes;
    if (!holes || holes.length !== height * width) {
      throw new InvalidInputError('CSA layer input', `hole flags for its ${width}x${height} positions`, holes ? `${holes.length} flags` : 'none');
    }
    const known = knownPositions(holes);
    if (known.length === 0) {
      throw new InvalidInputError('mask', 'known pixels around the hole (the CSA layer copies from known 1/8-scale features)', 'a hole over all of them');
    }
    const items = Array.from({ length: batch }, (_, b) => this.#attend(x.narrow(0, b, 1).reshape(channels, height * width), holes, known));
    return cat(items, 0).reshape(batch, channels, height, width);
  }

  #attend(features: Tensor, holes: Uint8Array, known: Int32Array): Tensor {
    const [channels, n] = features.shape;
    const values = features.detach().contiguous().toArray() as Float32Array;
    const normalised = tensor(normalisedKnownFeatures(values, channels, known), [known.length, channels]);
    const scores = normalised.matmul(features.detach()).toArray() as Float32Array;
    const attention = coherentAttention(values, channels, holes, known, scores);
    const output = features.detach().matmul(tensor(attention, [n, n]).transpose(0, 1)).unsqueeze(0);
    if (!isGradEnabled() || !features.requiresGrad) return output;
    const truncated = tensor(attention.map(Math.trunc), [n, n]);
    const surrogate = features.add(features.matmul(truncated.transpose(0, 1)).mul(this.tripleWeight)).unsqueeze(0);
    return output.add(surrogate.sub(surrogate.detach()));
  }
}
