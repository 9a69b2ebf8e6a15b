/**
 * The DeepFill v2 generator: a coarse network (stage 1) and a refinement network (stage 2) with
 * two branches, dilated gated convolutions ("hallucination") and contextual attention, merged and
 * decoded. Input: [N,5,H,W] = the image in [-1,1] with the hole zeroed, a channel of ones and the
 * mask; H and W multiples of 8. Output: both stages' images in [-1,1].
 *
 * Layer names, order and shapes are those of the port with the official converted weights
 * (nipponjo/deepfillv2-pytorch, model/networks_tf.py, `Generator`), so its checkpoints
 * (`states_tf_places2.pth`, `states_tf_celebahq.pth`, key 'G') load unchanged.
 */
import { InvalidOptionError } from '../../core/errors.js';
import { cat, nn, type Tensor } from '../../torch/index.js';
import { ShapeCheck } from '../common/check-shape.js';
import { ContextualAttention } from './contextual-attention.js';
import { GatedConv2d, GatedUpConv2d } from './gated-conv.js';

export interface GeneratorOptions {
  /** Input channels: RGB, ones, mask. @default 5 */
  inChannels?: number;
  /** Base channel width; the official weights use 48. A multiple of 4. @default 48 */
  cnum?: number;
}

export interface GeneratorOutput {
  readonly coarse: Tensor;
  readonly refined: Tensor;
}

export class DeepFillGenerator extends nn.Module<[Tensor, Tensor], GeneratorOutput> {
  readonly cnum: number;
  readonly inChannels: number;
  readonly #stage1: GatedConv2d[] = [];
  readonly #hallucination: GatedConv2d[] = [];
  readonly #attentionEncoder: GatedConv2d[] = [];
  readonly #attentionDecoder: GatedConv2d[] = [];
  readonly #merge: (GatedConv2d | GatedUpConv2d)[] = [];
  readonly #stage1Decoder: (GatedConv2d | GatedUpConv2d)[] = [];
  readonly contextualAttention: ContextualAttention;

  constructor(options: GeneratorOptions = {}) {
    super();
    const inChannels = options.inChannels ?? 5;
    const c = options.cnum ?? 48;
    if (!Number.isInteger(c) || c < 4 || c % 4 !== 0) {
      throw new InvalidOptionError('cnum', 'a multiple of 4, at least 4', c);
    }
    this.cnum = c;
    this.inChannels = inChannels;
    const gated = (name: string, cin: number, cout: number, k: number, o: ConstructorParameters<typeof GatedConv2d>[3] = {}): GatedConv2d =>
      this.registerModule(name, new GatedConv2d(cin, cout, k, o));
    const up = (name: string, cin: number, cout: number): GatedUpConv2d => this.registerModule(name, new GatedUpConv2d(cin, cout));
    const dilated = (prefix: string, channels: number): GatedConv2d[] =>
      [2, 4, 8, 16].map((rate, i) => gated(`${prefix}${7 + i}_atrous`, channels, channels, 3, { rate }));

    // Stage 1: encoder, dilated middle, decoder.
    this.#stage1.push(
      gated('conv1', inChannels, c / 2, 5),
      gated('conv2_downsample', c / 2, c, 3, { stride: 2 }),
      gated('conv3', c, c, 3),
      gated('conv4_downsample', c, 2 * c, 3, { stride: 2 }),
      gated('conv5', 2 * c, 2 * c, 3),
      gated('conv6', 2 * c, 2 * c, 3),
      ...dilated('conv', 2 * c),
      gated('conv11', 2 * c, 2 * c, 3),
      gated('conv12', 2 * c, 2 * c, 3),
    );
    this.#stage1Decoder.push(
      up('conv13_upsample', 2 * c, c),
      gated('conv14', c, c, 3),
      up('conv15_upsample', c, c / 2),
      gated('conv16', c / 2, c / 4, 3),
      gated('conv17', c / 4, 3, 3, { activation: null }),
    );
    // Stage 2, hallucination branch.
    this.#hallucination.push(
      gated('xconv1', 3, c / 2, 5),
      gated('xconv2_downsample', c / 2, c / 2, 3, { stride: 2 }),
      gated('xconv3', c / 2, c, 3),
      gated('xconv4_downsample', c, c, 3, { stride: 2 }),
      gated('xconv5', c, 2 * c, 3),
      gated('xconv6', 2 * c, 2 * c, 3),
      ...dilated('xconv', 2 * c),
    );
    // Stage 2, attention branch.
    this.#attentionEncoder.push(
      gated('pmconv1', 3, c / 2, 5),
      gated('pmconv2_downsample', c / 2, c / 2, 3, { stride: 2 }),
      gated('pmconv3', c / 2, c, 3),
      gated('pmconv4_downsample', c, 2 * c, 3, { stride: 2 }),
      gated('pmconv5', 2 * c, 2 * c, 3),
      gated('pmconv6', 2 * c, 2 * c, 3, { activation: 'relu' }),
    );
    this.contextualAttention = new ContextualAttention({ ksize: 3, stride: 1, rate: 2, softmaxScale: 10, nDown: 2 });
    this.#attentionDecoder.push(gated('pmconv9', 2 * c, 2 * c, 3), gated('pmconv10', 2 * c, 2 * c, 3));
    // Stage 2, merged decoder.
    this.#merge.push(
      gated('allconv11', 4 * c, 2 * c, 3),
      gated('allconv12', 2 * c, 2 * c, 3),
      up('allconv13_upsample', 2 * c, c),
      gated('allconv14', c, c, 3),
      up('allconv15_upsample', c, c / 2),
      gated('allconv16', c / 2, c / 4, 3),
      gated('allconv17', c / 4, 3, 3, { activation: null }),
    );
  }

  /** x: [N,5,H,W] (see above); mask: [N or 1, 1, H, W], 1 = hole. */
  forward(x: Tensor, mask: Tensor): GeneratorOutput {
    new ShapeCheck('DeepFillGenerator')
      .check('x', x, ['B', this.inChannels, 'H', 'W'])
      .check('mask', mask, ['B|1', 1, 'H', 'W'])
      .multipleOf(['H', 'W'], 8);
    const coarse = freeing(run([...this.#stage1, ...this.#stage1Decoder], x), (y) => y.tanh());
    // Stage 2 sees the coarse result in the hole and the known pixels elsewhere.
    const known = x.narrow(1, 0, 3);
    const pasted = coarse.mul(mask).add(known.mul(mask.neg().add(1)));
    const hallucinated = run(this.#hallucination, pasted);
    const features = run(this.#attentionEncoder, pasted);
    const matched = freeing(features, (f) => this.contextualAttention.call(f, f, mask));
    const attended = freeing(matched, (m) => run(this.#attentionDecoder, m));
    const merged = cat([hallucinated, attended], 1);
    for (const t of [hallucinated, attended, pasted]) t.dispose();
    const refined = freeing(freeing(merged, (m) => run(this.#merge, m)), (y) => y.tanh());
    return { coarse, refined };
  }
}

/** fn(x), then x freed (its handle: autograd keeps what it needs). */
function freeing<T>(x: Tensor, fn: (x: Tensor) => T): T {
  const out = fn(x);
  x.dispose();
  return out;
}

/** x through the layers; each intermediate is freed once the next layer has used it. */
function run(layers: readonly (GatedConv2d | GatedUpConv2d)[], x: Tensor): Tensor {
  let y = x;
  for (const layer of layers) {
    const next = layer.call(y);
    if (y !== x) y.dispose();
    y = next;
  }
  return y;
}
