/**
 * `ResDiscriminator` (net_D and net_D_rec, model/network.py) as pluralistic_model.py builds it:
 * ndf=32, img_f=128, layers=5, no normalisation, LeakyReLU(0.1), the attention's short-term
 * (self-attention) path before the third down block, and a 3x3 unpadded convolution to one channel.
 */
import { nn, type Tensor } from '../../torch/index.js';
import { AutoAttention } from './attention.js';
import { ResBlock, ResBlockEncoderOptimized, snConv } from './blocks.js';

const LAYERS = 5;
const ATTENTION_BEFORE = 2;

export interface DiscriminatorWidths {
  /** Channels of the first block (ndf). */
  readonly ndf: number;
  /** The widest features (img_f). */
  readonly imgF: number;
}

export const officialDiscriminatorWidths: DiscriminatorWidths = { ndf: 32, imgF: 128 };

export class ResDiscriminator extends nn.Module {
  readonly block0: ResBlockEncoderOptimized;
  readonly #encoders: ResBlock[] = [];
  readonly attn2: AutoAttention;
  readonly block1: ResBlock;
  readonly conv: nn.Module;
  readonly #activation = new nn.LeakyReLU(0.1);

  constructor({ ndf, imgF }: DiscriminatorWidths) {
    super();
    this.block0 = this.registerModule('block0', new ResBlockEncoderOptimized(3, ndf, this.#activation));
    let mult = 1;
    let attention: AutoAttention | undefined;
    for (let i = 0; i < LAYERS - 1; i++) {
      const previous = mult;
      mult = Math.min(2 ** (i + 1), Math.floor(imgF / ndf));
      if (i === ATTENTION_BEFORE) attention = this.registerModule(`attn${i}`, new AutoAttention(ndf * previous, null));
      this.#encoders.push(this.registerModule(`encoder${i}`, new ResBlock(ndf * previous, ndf * mult, ndf * previous, null, this.#activation, 'down')));
    }
    this.attn2 = attention!;
    this.block1 = this.registerModule('block1', new ResBlock(ndf * mult, ndf * mult, ndf * mult, null, this.#activation, 'none'));
    this.conv = this.registerModule('conv', snConv(ndf * mult, 1, 3, 0));
  }

  forward(x: Tensor): Tensor {
    let out = this.block0.call(x);
    this.#encoders.forEach((encoder, i) => {
      if (i === ATTENTION_BEFORE) out = this.attn2.call(out);
      out = encoder.call(out);
    });
    return this.conv.call(this.#activation.call(this.block1.call(out)));
  }
}
