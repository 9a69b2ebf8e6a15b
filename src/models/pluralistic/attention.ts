/**
 * `Auto_Attn`, the short+long term attention (model/base_function.py). Self-attention over the
 * decoder's features (short term: out = gamma * attended + x), and the same attention map
 * applied to the encoder's features of the visible image (long term): inside the hole the
 * attended encoder features times alpha, outside it the encoder features themselves; a residual
 * block fuses both. Its ResBlock uses nn.LeakyReLU()'s default slope 0.01, not the networks' 0.1.
 */
import { cat, nn, zeros, type Tensor } from '../../torch/index.js';
import { ResBlock, type NormLayer } from './blocks.js';

export class AutoAttention extends nn.Module<[Tensor, Tensor?, Tensor?]> {
  readonly gamma: Tensor;
  readonly alpha: Tensor;
  readonly queryConv: nn.Conv2d;
  readonly model: ResBlock;

  constructor(channels: number, norm: NormLayer) {
    super();
    this.gamma = this.registerParameter('gamma', zeros([1]));
    this.alpha = this.registerParameter('alpha', zeros([1]));
    this.queryConv = this.registerModule('query_conv', new nn.Conv2d(channels, Math.floor(channels / 4), 1));
    this.model = this.registerModule('model', new ResBlock(channels * 2, channels, channels, norm, new nn.LeakyReLU(), 'none'));
  }

  /**
   * x: [B,C,H,W] decoder features; previous: the encoder's features at the same scale and mask
   * (1 = valid, [B,1,H,W]) for the long-term path, or neither (the discriminator's use).
   */
  forward(x: Tensor, previous?: Tensor, mask?: Tensor): Tensor {
    const [b, c, h, w] = x.shape;
    const query = this.queryConv.call(x).reshape(b, -1, h * w);
    // Keys are the queries: energy[i][j] = q_i . q_j; each row softmaxed.
    const attention = query.transpose(1, 2).bmm(query).softmax(-1);
    const transposed = attention.transpose(1, 2);
    const attended = x.reshape(b, c, h * w).bmm(transposed).reshape(b, c, h, w);
    const out = this.gamma.mul(attended).add(x);
    if (!previous || !mask) return out;
    const flow = previous.reshape(b, -1, h * w).bmm(transposed).reshape(b, -1, h, w);
    const context = this.alpha.mul(mask.neg().add(1)).mul(flow).add(mask.mul(previous));
    return this.model.call(cat([out, context], 1));
  }
}
