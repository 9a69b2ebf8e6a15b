/**
 * The convolution blocks of Free-Form Video Inpainting (amjltc295/Free-Form-Video-Inpainting,
 * src/model/blocks.py), 3D and spectrally normalised as the ICCV model builds them, with the
 * official parameter names:
 *
 * - `FfviVanillaConv`: `featureConv` (Conv3d under spectral norm), then LeakyReLU(0.2); the last
 *   layer of each network has neither. The temporal discriminator is made of these.
 * - `FfviGatedConv`: also a `gatingConv` of the same shape; out = sigmoid(gating) * act(feature).
 * - `FfviGatedDeconv`: nearest x2 upsampling of height and width (not time), then a gated
 *   convolution under the name `conv`.
 */
import { F, nn, type Tensor } from '../../torch/index.js';

export interface FfviConvOptions {
  readonly stride?: F.Size;
  readonly padding?: F.Size;
  readonly dilation?: F.Size;
  readonly bias: boolean;
  /** LeakyReLU(0.2) on the feature branch; off for the last layer of a network. @default true */
  readonly activation?: boolean;
  /** Spectral normalisation (the official `norm='SN'`); off (`norm=None`) for the last layers. @default true */
  readonly spectralNorm?: boolean;
}

/** The official blocks' `padding=-1`: what keeps the size, (kernel - 1) * dilation / 2 per dimension. */
export function samePadding(kernelSize: readonly number[], dilation: readonly number[]): number[] {
  return kernelSize.map((k, i) => Math.floor(((k - 1) * dilation[i]) / 2));
}

function conv3d(inChannels: number, outChannels: number, kernelSize: F.Size, options: FfviConvOptions): nn.Conv3d {
  const { stride, padding, dilation, bias } = options;
  const conv = new nn.Conv3d(inChannels, outChannels, kernelSize, { stride, padding, dilation, bias });
  return options.spectralNorm ?? true ? nn.spectralNorm(conv) : conv;
}

export class FfviVanillaConv extends nn.Module {
  readonly featureConv: nn.Conv3d;
  readonly activation: boolean;

  constructor(inChannels: number, outChannels: number, kernelSize: F.Size, options: FfviConvOptions) {
    super();
    this.featureConv = this.registerModule('featureConv', conv3d(inChannels, outChannels, kernelSize, options));
    this.activation = options.activation ?? true;
  }

  forward(x: Tensor): Tensor {
    const feature = this.featureConv.call(x);
    return this.activation ? F.leakyRelu(feature, 0.2) : feature;
  }
}

export class FfviGatedConv extends FfviVanillaConv {
  readonly gatingConv: nn.Conv3d;

  constructor(inChannels: number, outChannels: number, kernelSize: F.Size, options: FfviConvOptions) {
    super(inChannels, outChannels, kernelSize, options);
    this.gatingConv = this.registerModule('gatingConv', conv3d(inChannels, outChannels, kernelSize, options));
  }

  override forward(x: Tensor): Tensor {
    return this.gatingConv.call(x).sigmoid().mul(super.forward(x));
  }
}

export class FfviGatedDeconv extends nn.Module {
  readonly conv: FfviGatedConv;

  constructor(inChannels: number, outChannels: number, kernelSize: F.Size, options: FfviConvOptions) {
    super();
    this.conv = this.registerModule('conv', new FfviGatedConv(inChannels, outChannels, kernelSize, options));
  }

  forward(x: Tensor): Tensor {
    return this.conv.call(F.interpolate(x, { scaleFactor: [1, 2, 2], mode: 'nearest' }));
  }
}
