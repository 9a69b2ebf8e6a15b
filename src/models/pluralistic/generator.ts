/**
 * `ResGenerator` (net_G, model/network.py) as pluralistic_model.py builds it: L=0, layers=5,
 * output_scale=4, instance-normalised decoder, LeakyReLU(0.1). The latent code becomes features
 * that are added to the encoder's deepest features; five decoder blocks double the side, the
 * short+long term attention follows the second, and from the second on each block also gives an
 * image (1/8 .. 1 of the side) that is concatenated to the next block's input.
 */
import { cat, nn, type Tensor } from '../../torch/index.js';
import { AutoAttention } from './attention.js';
import { affineInstanceNorm, OutputBlock, ResBlock, ResBlockDecoder } from './blocks.js';
import type { PluralisticWidths } from './widths.js';

const LAYERS = 5;
const OUTPUT_SCALES = 4;
const ATTENTION_AFTER = 1;

export interface GeneratorConditions {
  /** The encoder's deepest features of the visible image (f[-1]). */
  readonly deepest: Tensor;
  /** The encoder's features at 1/8 of the side (f[2]), for the long-term attention. */
  readonly attended: Tensor;
  /** The mask (1 = valid) at 1/8 of the side, [B,1,h,w]. */
  readonly mask: Tensor;
}

export class ResGenerator extends nn.Module<[Tensor, GeneratorConditions], Tensor[]> {
  readonly generator: ResBlock;
  readonly #decoders: ResBlockDecoder[] = [];
  readonly #outputs = new Map<number, OutputBlock>();
  readonly attn1: AutoAttention;

  constructor(widths: PluralisticWidths) {
    super();
    const { ngf, zChannels, imgF } = widths;
    const activation = new nn.LeakyReLU(0.1);
    let mult = Math.min(2 ** (LAYERS - 1), Math.floor(imgF / ngf));
    this.generator = this.registerModule('generator', new ResBlock(zChannels, ngf * mult, ngf * mult, null, activation, 'none'));
    let attention: AutoAttention | undefined;
    for (let i = 0; i < LAYERS; i++) {
      const previous = mult;
      mult = Math.min(2 ** (LAYERS - i - 1), Math.floor(imgF / ngf));
      // Blocks after the first image take that image (3 channels) too.
      const inChannels = ngf * previous + (i > LAYERS - OUTPUT_SCALES ? 3 : 0);
      this.#decoders.push(this.registerModule(`decoder${i}`, new ResBlockDecoder(inChannels, ngf * mult, ngf * mult, affineInstanceNorm, activation)));
      if (i > LAYERS - OUTPUT_SCALES - 1) this.#outputs.set(i, this.registerModule(`out${i}`, new OutputBlock(ngf * mult, 3, activation)));
      if (i === ATTENTION_AFTER) attention = this.registerModule(`attn${i}`, new AutoAttention(ngf * mult, null));
    }
    this.attn1 = attention!;
  }

  /** The images at 1/8, 1/4, 1/2 and 1 of the side, [-1,1]; the last is the completion. */
  forward(z: Tensor, conditions: GeneratorConditions): Tensor[] {
    let out = conditions.deepest.add(this.generator.call(z));
    const images: Tensor[] = [];
    this.#decoders.forEach((decoder, i) => {
      out = decoder.call(out);
      if (i === ATTENTION_AFTER) out = this.attn1.call(out, conditions.attended, conditions.mask);
      const output = this.#outputs.get(i);
      if (output) {
        const image = output.call(out);
        images.push(image);
        out = cat([out, image], 1);
      }
    });
    return images;
  }
}
