/**
 * The residual blocks of Pluralistic's networks (model/base_function.py), with the official
 * child names. Each block's convolutions are registered twice, as in the official code, where
 * `self.conv1` is also an element of `self.model`: the state dict holds both names for one tensor
 * (`block0.conv1.module.weight_bar` and `block0.model.0.module.weight_bar`).
 */
import { nn, type Tensor } from '../../torch/index.js';
import { OfficialSpectralNorm } from './spectral-norm.js';

/** What every Pluralistic convolution is: spectrally normalised (use_spect=True everywhere). */
export function snConv(inChannels: number, outChannels: number, kernelSize: number, padding: number): OfficialSpectralNorm<nn.Conv2d> {
  return new OfficialSpectralNorm(new nn.Conv2d(inChannels, outChannels, kernelSize, { padding }));
}

/** ConvTranspose 3x3, stride 2, output_padding 1: doubles the side. */
function snUpConv(inChannels: number, outChannels: number): OfficialSpectralNorm<nn.ConvTranspose2d> {
  return new OfficialSpectralNorm(new nn.ConvTranspose2d(inChannels, outChannels, 3, { stride: 2, padding: 1, outputPadding: 1 }));
}

/** The official norm_layer: none, or InstanceNorm2d(affine=True) in the generator's decoder. */
export type NormLayer = ((channels: number) => nn.Module) | null;

export const affineInstanceNorm: NormLayer = (channels) => new nn.InstanceNorm2d(channels, { affine: true });

/** `ResBlock`: [norm,] act, conv3, [norm,] act, conv3 plus a 1x1 bypass; 'down' average-pools both. */
export class ResBlock extends nn.Module {
  readonly model: nn.Sequential;
  readonly shortcut: nn.Sequential;
  readonly #pool: nn.AvgPool2d | null;

  constructor(inChannels: number, outChannels: number, hiddenChannels: number, norm: NormLayer, activation: nn.Module, sample: 'none' | 'down') {
    super();
    const conv1 = this.registerModule('conv1', snConv(inChannels, hiddenChannels, 3, 1));
    const conv2 = this.registerModule('conv2', snConv(hiddenChannels, outChannels, 3, 1));
    const bypass = this.registerModule('bypass', snConv(inChannels, outChannels, 1, 0));
    this.model = this.registerModule('model', norm
      ? new nn.Sequential(norm(inChannels), activation, conv1, norm(hiddenChannels), activation, conv2)
      : new nn.Sequential(activation, conv1, activation, conv2));
    this.shortcut = this.registerModule('shortcut', new nn.Sequential(bypass));
    this.#pool = sample === 'down' ? new nn.AvgPool2d(2) : null;
  }

  forward(x: Tensor): Tensor {
    const model = this.model.call(x);
    const shortcut = this.shortcut.call(x);
    if (!this.#pool) return model.add(shortcut);
    return this.#pool.call(model).add(this.#pool.call(shortcut));
  }
}

/** `ResBlockEncoderOptimized`, the first block: conv3, act, conv3, pool plus pool, 1x1 bypass. */
export class ResBlockEncoderOptimized extends nn.Module {
  readonly model: nn.Sequential;
  readonly shortcut: nn.Sequential;

  constructor(inChannels: number, outChannels: number, activation: nn.Module) {
    super();
    const conv1 = this.registerModule('conv1', snConv(inChannels, outChannels, 3, 1));
    const conv2 = this.registerModule('conv2', snConv(outChannels, outChannels, 3, 1));
    const bypass = this.registerModule('bypass', snConv(inChannels, outChannels, 1, 0));
    this.model = this.registerModule('model', new nn.Sequential(conv1, activation, conv2, new nn.AvgPool2d(2)));
    this.shortcut = this.registerModule('shortcut', new nn.Sequential(new nn.AvgPool2d(2), bypass));
  }

  forward(x: Tensor): Tensor {
    return this.model.call(x).add(this.shortcut.call(x));
  }
}

/** `ResBlockDecoder`: norm, act, conv3, norm, act, transposed conv x2, plus a transposed-conv bypass. */
export class ResBlockDecoder extends nn.Module {
  readonly model: nn.Sequential;
  readonly shortcut: nn.Sequential;

  constructor(inChannels: number, outChannels: number, hiddenChannels: number, norm: NormLayer, activation: nn.Module) {
    super();
    const conv1 = this.registerModule('conv1', snConv(inChannels, hiddenChannels, 3, 1));
    const conv2 = this.registerModule('conv2', snUpConv(hiddenChannels, outChannels));
    const bypass = this.registerModule('bypass', snUpConv(inChannels, outChannels));
    this.model = this.registerModule('model', norm
      ? new nn.Sequential(norm(inChannels), activation, conv1, norm(hiddenChannels), activation, conv2)
      : new nn.Sequential(activation, conv1, activation, conv2));
    this.shortcut = this.registerModule('shortcut', new nn.Sequential(bypass));
  }

  forward(x: Tensor): Tensor {
    return this.model.call(x).add(this.shortcut.call(x));
  }
}

/** `Output`: act, reflection pad 1, conv3 (no padding), tanh: an image at the block's scale. */
export class OutputBlock extends nn.Module {
  readonly model: nn.Sequential;

  constructor(inChannels: number, outChannels: number, activation: nn.Module) {
    super();
    const conv1 = this.registerModule('conv1', snConv(inChannels, outChannels, 3, 0));
    this.model = this.registerModule('model', new nn.Sequential(activation, new nn.ReflectionPad2d(1), conv1, new nn.Tanh()));
  }

  forward(x: Tensor): Tensor {
    return this.model.call(x);
  }
}
