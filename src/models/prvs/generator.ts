/**
 * PRVS's generator (modules/PRVSNet.py `PRVSNet`): a partial-convolution U-Net whose first two
 * encoder layers and last two decoder layers are VSR layers (vsr-layer.ts), so the edge map is
 * reconstructed progressively, at the input's and half its size, while the image is. The encoder
 * halves the size layerSize times; the bottleneck's transposed convolution and each decoder layer
 * (a stride-1 partial convolution on [upsampled, skip] then a transposed convolution) double it
 * back. Returns the image (unbounded: no final activation), the last mask, and the edge maps the
 * two decoder VSR layers reconstruct (half size, full size), which the edge discriminator judges.
 *
 * The official class fixes the widths 64, 128, 256, 512; `widths` makes the three deeper ones
 * arguments so that small test instances keep the official structure (the fixtures' scripts build
 * the official layers with the same widths). Official attention (`att`) is left out: `att=True`
 * crashes in the official code, the default is off.
 */
import { cat, F, nn, type Tensor } from '../../torch/index.js';
import { Bottleneck } from './bottleneck.js';
import { PartialConv2d } from './partial-conv.js';
import { PConvLayer } from './pconv-layer.js';
import { VsrLayer } from './vsr-layer.js';

export interface PrvsNetOptions {
  /** Halvings of the encoder; input sides must be multiples of 2^layerSize. @default 8 */
  readonly layerSize?: number;
  /** The official 128, 256, 512: enc_2's, enc_3's and the deeper layers' widths. */
  readonly widths?: readonly [number, number, number];
}

export interface PrvsNetOutput {
  readonly image: Tensor;
  readonly mask: Tensor;
  readonly edgeSmall: Tensor;
  readonly edgeBig: Tensor;
}

export const OFFICIAL_WIDTHS = [128, 256, 512] as const;

export class PrvsNet extends nn.Module<[Tensor, Tensor, Tensor], PrvsNetOutput> {
  readonly layerSize: number;
  readonly widths: readonly [number, number, number];
  readonly deconv: nn.ConvTranspose2d;
  readonly resolver: Bottleneck;
  readonly output: nn.Conv2d;
  /** Batch norms under `enc_*` stay in evaluation mode in training: run.py's `--finetune`. */
  freezeEncoderBatchNorm = false;
  readonly #encoder: (VsrLayer | PConvLayer)[] = [];
  readonly #decoder: (VsrLayer | PConvLayer)[] = [];

  constructor(options: PrvsNetOptions = {}) {
    super();
    this.layerSize = options.layerSize ?? 8;
    if (!Number.isInteger(this.layerSize) || this.layerSize < 4) throw new RangeError(`PrvsNet: layerSize must be an integer of at least 4, not ${this.layerSize}`);
    this.widths = options.widths ?? OFFICIAL_WIDTHS;
    const [c2, c3, c4] = this.widths;
    const encoder = (i: number, layer: VsrLayer | PConvLayer) => { this.#encoder[i - 1] = this.registerModule(`enc_${i}`, layer); };
    const decoder = (i: number, layer: VsrLayer | PConvLayer) => { this.#decoder[i - 1] = this.registerModule(`dec_${i}`, layer); };
    // Registered in the official order, which is the state dict's.
    encoder(1, new VsrLayer(3, 64, { kernelSize: 7 }));
    encoder(2, new VsrLayer(64, c2, { kernelSize: 5 }));
    encoder(3, new PConvLayer(c2, c3, { sample: 'down-5' }));
    encoder(4, new PConvLayer(c3, c4, { sample: 'down-3' }));
    for (let i = 5; i <= this.layerSize; i++) encoder(i, new PConvLayer(c4, c4, { sample: 'down-3' }));
    this.deconv = this.registerModule('deconv', new nn.ConvTranspose2d(c4, c4, 4, { stride: 2, padding: 1 }));
    for (let i = 5; i <= this.layerSize; i++) decoder(i, new PConvLayer(c4 + c4, c4, { activation: 'leaky', deconv: true }));
    decoder(4, new PConvLayer(c4 + c3, c3, { activation: 'leaky', deconv: true }));
    decoder(3, new PConvLayer(c3 + c2, c2, { activation: 'leaky', deconv: true }));
    decoder(2, new VsrLayer(c2 + 64, 64, { stride: 1, activation: 'none', deconv: true }));
    decoder(1, new VsrLayer(64 + 3, 64, { stride: 1, activation: 'none', batchNorm: false }));
    this.resolver = this.registerModule('resolver', new Bottleneck(64, 16));
    this.output = this.registerModule('output', new nn.Conv2d(128, 3, 1));
  }

  /** image [B,3,H,W] with the hole zeroed, mask [B,3,H,W] (1 = valid), edge [B,1,H,W] with the hole zeroed. */
  forward(image: Tensor, mask: Tensor, edgeIn: Tensor): PrvsNetOutput {
    const features: Tensor[] = [image];
    const masks: Tensor[] = [mask];
    const edges: Tensor[] = [];
    let edge = edgeIn;
    this.#encoder.forEach((layer, i) => {
      if (layer instanceof VsrLayer) {
        const out = layer.call(features[i], masks[i], edge);
        edge = out.edge;
        edges.push(edge);
        features.push(out.features);
        masks.push(out.mask);
      } else {
        const out = layer.call(features[i], masks[i]);
        features.push(out.features);
        masks.push(out.mask);
      }
    });
    let h = this.deconv.call(features[this.layerSize]);
    let hMask = F.interpolate(masks[this.layerSize], { scaleFactor: 2 });
    for (let i = this.layerSize; i >= 1; i--) {
      const layer = this.#decoder[i - 1];
      const input = cat([h, features[i - 1]], 1);
      const inputMask = cat([hMask, masks[i - 1]], 1);
      // dec_2 continues the edge enc_2 reconstructed, dec_1 the one enc_1 did.
      const out = layer instanceof VsrLayer ? layer.call(input, inputMask, edges[i - 1]) : layer.call(input, inputMask);
      if ('edge' in out) edges.push(out.edge);
      h = out.features;
      hMask = out.mask;
    }
    const filled = this.output.call(cat([this.resolver.call(h), h], 1));
    return { image: filled, mask: hMask, edgeSmall: edges[edges.length - 2], edgeBig: edges[edges.length - 1] };
  }

  /** Module.dispose frees parameters and buffers; the partial convolutions' kept masks too. */
  /** Training mode, as PRVSNet.train(mode, finetune): with finetune, every batch norm whose name holds `enc` evaluates. */
  override train(mode = true): this {
    super.train(mode);
    if (mode && this.freezeEncoderBatchNorm) {
      for (const [name, module] of this.namedModules()) if (name.includes('enc') && module instanceof nn.BatchNorm2d) module.eval();
    }
    return this;
  }

  override dispose(): void {
    for (const [, module] of this.namedModules()) if (module instanceof PartialConv2d) module.clearMaskCache();
    super.dispose();
  }
}
