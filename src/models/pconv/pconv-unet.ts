/**
 * naoto0804's PConvUNet (pytorch-inpainting-with-partial-conv, net.py), with its parameter names
 * (`enc_1.conv.input_conv.weight`, `enc_2.bn.running_mean`, `dec_1.conv.input_conv.bias`, ...) so
 * its released `1000000.pth` loads unchanged: `layerSize` partial-convolution encoders (7x7, two
 * 5x5, then 3x3, each stride 2; batch norm but on the first; ReLU) and as many decoders (nearest
 * x2 upsampling of features and mask, concatenation with the encoder's output and mask of that
 * scale, 3x3 partial convolution, batch norm, LeakyReLU 0.2; the last one with bias, no norm,
 * no activation). Input: an ImageNet-normalised image with the hole zeroed and its mask, 1 =
 * valid, one channel per image channel.
 *
 * `width` is ours: the official network is width 64 (64, 128, 256, 512 channels); the tests and
 * short training runs use narrower ones.
 */
import { InvalidOptionError } from '../../core/errors.js';
import { cat, F, nn, type Tensor } from '../../torch/index.js';
import { ShapeCheck } from '../common/check-shape.js';
import { PartialConv, type PartialConvScaling } from './partial-conv.js';

export interface PConvUNetOptions {
  /** Encoder (and decoder) stages; sides must be multiples of 2^layerSize. @default 7 */
  layerSize?: number;
  /** Image channels. @default 3 */
  inputChannels?: number;
  /** First encoder's output channels (official 64). @default 64 */
  width?: number;
  /** @default 'naoto' */
  scaling?: PartialConvScaling;
}

type Sampling = 'down-7' | 'down-5' | 'down-3' | 'none-3';

const KERNELS: Record<Sampling, { kernel: number; stride: number }> = {
  'down-7': { kernel: 7, stride: 2 },
  'down-5': { kernel: 5, stride: 2 },
  'down-3': { kernel: 3, stride: 2 },
  'none-3': { kernel: 3, stride: 1 },
};

/** naoto0804's PCBActiv: partial convolution, optional batch norm (`bn`), optional activation. */
export class PCBActiv extends nn.Module<[Tensor, Tensor], [Tensor, Tensor]> {
  readonly conv: PartialConv;
  readonly bn: nn.BatchNorm2d | null;
  readonly activation: 'relu' | 'leaky' | null;

  constructor(inChannels: number, outChannels: number, options: { bn?: boolean; sample?: Sampling; activation?: 'relu' | 'leaky' | null; bias?: boolean } = {}) {
    super();
    const { kernel, stride } = KERNELS[options.sample ?? 'none-3'];
    this.conv = this.registerModule('conv', new PartialConv(inChannels, outChannels, kernel, { stride, padding: (kernel - 1) / 2, bias: options.bias ?? false }));
    this.bn = options.bn ?? true ? this.registerModule('bn', new nn.BatchNorm2d(outChannels)) : null;
    this.activation = options.activation === undefined ? 'relu' : options.activation;
  }

  forward(x: Tensor, mask: Tensor): [Tensor, Tensor] {
    const [h, hMask] = this.conv.call(x, mask);
    const normed = this.bn ? this.bn.call(h) : h;
    if (this.activation === 'relu') return [normed.relu(), hMask];
    if (this.activation === 'leaky') return [F.leakyRelu(normed, 0.2), hMask];
    return [normed, hMask];
  }
}

export class PConvUNet extends nn.Module<[Tensor, Tensor], [Tensor, Tensor]> {
  readonly layerSize: number;
  readonly inputChannels: number;
  readonly width: number;
  readonly encoders: PCBActiv[] = [];
  /** decoders[i] is dec_{i+1}. */
  readonly decoders: PCBActiv[] = [];
  /** Encoder batch norms stay in evaluation mode in training (naoto0804's `--finetune`). */
  freezeEncoderBatchNorm = false;

  constructor(options: PConvUNetOptions = {}) {
    super();
    const layerSize = options.layerSize ?? 7;
    const inputChannels = options.inputChannels ?? 3;
    const w = options.width ?? 64;
    if (!Number.isInteger(layerSize) || layerSize < 4) throw new InvalidOptionError('layerSize', 'an integer >= 4', layerSize);
    if (!Number.isInteger(w) || w < 1) throw new InvalidOptionError('width', 'a positive integer', w);
    this.layerSize = layerSize;
    this.inputChannels = inputChannels;
    this.width = w;
    // Output channels of enc_1..enc_N (the same for the decoders' skips).
    const channels = [w, 2 * w, 4 * w, 8 * w, ...Array.from({ length: layerSize - 4 }, () => 8 * w)];
    const encoder = (i: number, module: PCBActiv) => this.encoders.push(this.registerModule(`enc_${i}`, module));
    encoder(1, new PCBActiv(inputChannels, w, { bn: false, sample: 'down-7' }));
    encoder(2, new PCBActiv(w, 2 * w, { sample: 'down-5' }));
    encoder(3, new PCBActiv(2 * w, 4 * w, { sample: 'down-5' }));
    for (let i = 4; i <= layerSize; i++) encoder(i, new PCBActiv(channels[i - 2], 8 * w, { sample: 'down-3' }));
    // Registered as naoto0804 does: dec_5..dec_N, then dec_4, dec_3, dec_2, dec_1 (state-dict order).
    const decoders = new Map<number, PCBActiv>();
    const decoder = (i: number, module: PCBActiv) => decoders.set(i, this.registerModule(`dec_${i}`, module));
    for (let i = 5; i <= layerSize; i++) decoder(i, new PCBActiv(16 * w, 8 * w, { activation: 'leaky' }));
    decoder(4, new PCBActiv(8 * w + 4 * w, 4 * w, { activation: 'leaky' }));
    decoder(3, new PCBActiv(4 * w + 2 * w, 2 * w, { activation: 'leaky' }));
    decoder(2, new PCBActiv(2 * w + w, w, { activation: 'leaky' }));
    decoder(1, new PCBActiv(w + inputChannels, inputChannels, { bn: false, activation: null, bias: true }));
    for (let i = 1; i <= layerSize; i++) this.decoders.push(decoders.get(i)!);
    this.setScaling(options.scaling ?? 'naoto');
  }

  /** Which partial-convolution renormalisation every layer applies. */
  setScaling(scaling: PartialConvScaling): this {
    for (const layer of [...this.encoders, ...this.decoders]) layer.conv.scaling = scaling;
    return this;
  }

  /** Multiples of this on both sides. */
  get sizeGrid(): number {
    return 2 ** this.layerSize;
  }

  /** image [B,C,H,W] (hole zeroed) and mask [B,C,H,W] (1 = valid) -> output and its mask. */
  forward(image: Tensor, mask: Tensor): [Tensor, Tensor] {
    new ShapeCheck('PConvUNet')
      .check('image', image, ['B', this.inputChannels, 'H', 'W'])
      .check('mask', mask, ['B', this.inputChannels, 'H', 'W'])
      .multipleOf(['H', 'W'], this.sizeGrid);
    const features: Tensor[] = [image];
    const masks: Tensor[] = [mask];
    for (const layer of this.encoders) {
      const [h, hMask] = layer.call(features.at(-1)!, masks.at(-1)!);
      features.push(h);
      masks.push(hMask);
    }
    let h = features[this.layerSize];
    let hMask = masks[this.layerSize];
    for (let i = this.layerSize; i >= 1; i--) {
      const up = cat([F.interpolate(h, { scaleFactor: 2, mode: 'nearest' }), features[i - 1]], 1);
      const upMask = cat([F.interpolate(hMask, { scaleFactor: 2, mode: 'nearest' }), masks[i - 1]], 1);
      [h, hMask] = this.decoders[i - 1].call(up, upMask);
    }
    return [h, hMask];
  }

  /** Training mode, keeping the encoder's batch norms in evaluation mode when frozen (naoto0804's train()). */
  override train(mode = true): this {
    super.train(mode);
    if (mode && this.freezeEncoderBatchNorm) {
      for (const layer of this.encoders) layer.bn?.eval();
    }
    return this;
  }
}
