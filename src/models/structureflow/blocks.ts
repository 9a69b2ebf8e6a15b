/**
 * StructureFlow's building blocks (RenYurui/StructureFlow, src/network.py), with the official
 * parameter names: `Conv2dBlock` (pad, convolution with optional spectral normalisation, norm,
 * activation: members `pad`, `conv`, `norm`), `TransConv2dBlock` (`transConv`, `norm`),
 * `ResBlocks` (`model.N.model.{0,1}`), `Get_image` (`conv`: a 3x3 Conv2dBlock with tanh), the
 * official `LayerNorm` (over C, H, W, affine (C,1,1)) and nearest x2 upsampling.
 */
import { F, nn, ones, zeros, type Tensor } from '../../torch/index.js';

export type Norm = 'in' | 'ln' | 'none';
export type Activation = 'relu' | 'lrelu' | 'tanh' | 'none';

/** The official `LayerNorm`: F.layer_norm over (C, H, W), weight and bias of shape (C, 1, 1). */
export class StructureFlowLayerNorm extends nn.Module {
  readonly weight: Tensor;
  readonly bias: Tensor;

  constructor(channels: number, readonly eps = 1e-5) {
    super();
    this.weight = this.registerParameter('weight', ones([channels, 1, 1]));
    this.bias = this.registerParameter('bias', zeros([channels, 1, 1]));
  }

  forward(x: Tensor): Tensor {
    const mean = x.mean([1, 2, 3], true);
    const centred = x.sub(mean);
    const variance = centred.pow(2).mean([1, 2, 3], true);
    return centred.div(variance.add(this.eps).sqrt()).mul(this.weight).add(this.bias);
  }
}

function normLayer(norm: Norm, channels: number): nn.Module | null {
  if (norm === 'in') return new nn.InstanceNorm2d(channels);
  if (norm === 'ln') return new StructureFlowLayerNorm(channels);
  return null;
}

function activationLayer(activation: Activation): nn.Module | null {
  if (activation === 'relu') return new nn.ReLU();
  if (activation === 'lrelu') return new nn.LeakyReLU(0.2);
  if (activation === 'tanh') return new nn.Tanh();
  return null;
}

export interface Conv2dBlockOptions {
  norm?: Norm;
  /** @default 'relu' */
  activation?: Activation;
  /** @default true */
  bias?: boolean;
  /** @default false */
  spectralNorm?: boolean;
}

/** `Conv2dBlock` with reflection padding (every block of the generators pads by reflection). */
export class Conv2dBlock extends nn.Module {
  readonly pad: nn.ReflectionPad2d;
  readonly conv: nn.Conv2d;
  readonly norm: nn.Module | null;
  readonly activation: nn.Module | null;

  constructor(inChannels: number, outChannels: number, kernelSize: number, stride: number, padding: number, options: Conv2dBlockOptions = {}) {
    super();
    // The official order of registration (pad, norm, activation, conv) is the state dict's order.
    this.pad = new nn.ReflectionPad2d(padding);
    this.norm = normLayer(options.norm ?? 'none', outChannels);
    if (this.norm) this.registerModule('norm', this.norm);
    this.activation = activationLayer(options.activation ?? 'relu');
    const conv = new nn.Conv2d(inChannels, outChannels, kernelSize, { stride, bias: options.bias ?? true });
    this.conv = this.registerModule('conv', options.spectralNorm ? nn.spectralNorm(conv) : conv);
  }

  forward(x: Tensor): Tensor {
    let y = this.conv.call(this.pad.call(x));
    if (this.norm) y = this.norm.call(y);
    return this.activation ? this.activation.call(y) : y;
  }
}

/** `TransConv2dBlock`: transposed convolution (with bias), norm, activation. */
export class TransConv2dBlock extends nn.Module {
  readonly transConv: nn.ConvTranspose2d;
  readonly norm: nn.Module | null;
  readonly activation: nn.Module | null;

  constructor(inChannels: number, outChannels: number, kernelSize: number, stride: number, padding: number, norm: Norm, activation: Activation) {
    super();
    this.norm = normLayer(norm, outChannels);
    if (this.norm) this.registerModule('norm', this.norm);
    this.activation = activationLayer(activation);
    this.transConv = this.registerModule('transConv', new nn.ConvTranspose2d(inChannels, outChannels, kernelSize, { stride, padding }));
  }

  forward(x: Tensor): Tensor {
    let y = this.transConv.call(x);
    if (this.norm) y = this.norm.call(y);
    return this.activation ? this.activation.call(y) : y;
  }
}

/** `ResBlock`: two 3x3 Conv2dBlocks (the second without activation) added to the input. */
class ResBlock extends nn.Module {
  readonly model: nn.Sequential;

  constructor(channels: number, norm: Norm) {
    super();
    this.model = this.registerModule('model', new nn.Sequential(
      new Conv2dBlock(channels, channels, 3, 1, 1, { norm }),
      new Conv2dBlock(channels, channels, 3, 1, 1, { norm, activation: 'none' }),
    ));
  }

  forward(x: Tensor): Tensor {
    return this.model.call(x).add(x);
  }
}

/** `ResBlocks`: `count` residual blocks in a row. */
export class ResBlocks extends nn.Module {
  readonly model: nn.Sequential;

  constructor(count: number, channels: number, norm: Norm) {
    super();
    this.model = this.registerModule('model', new nn.Sequential(...Array.from({ length: count }, () => new ResBlock(channels, norm))));
  }

  forward(x: Tensor): Tensor {
    return this.model.call(x);
  }
}

/** `Get_image`: a 3x3 convolution to the image's channels, tanh. */
export class GetImage extends nn.Module {
  readonly conv: Conv2dBlock;

  constructor(inChannels: number, outChannels: number) {
    super();
    this.conv = this.registerModule('conv', new Conv2dBlock(inChannels, outChannels, 3, 1, 1, { activation: 'tanh' }));
  }

  forward(x: Tensor): Tensor {
    return this.conv.call(x);
  }
}

/** nn.Upsample(scale_factor=2): nearest neighbour, no state (it keeps its Sequential index). */
export class UpsampleNearest2x extends nn.Module {
  forward(x: Tensor): Tensor {
    return F.interpolate(x, { scaleFactor: 2, mode: 'nearest' });
  }
}
