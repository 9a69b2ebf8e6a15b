/**
 * PRVS's plain encoder and decoder layer (modules/PConvLayer.py `PConvLayer`): a multi-channel
 * partial convolution (3x3 stride 1, or 'down-3'/'down-5'/'down-7' at stride 2), an optional 4x4
 * stride-2 transposed convolution, batch norm and ReLU or leaky ReLU (0.2); the updated mask is
 * resized (nearest) to the output. The official layer has no bias (conv_bias=False) in both.
 */
import { F, nn, type Tensor } from '../../torch/index.js';
import { PartialConv2d } from './partial-conv.js';

export type PConvSample = 'none-3' | 'down-3' | 'down-5' | 'down-7';

export interface PConvLayerOptions {
  /** @default 'none-3' */
  readonly sample?: PConvSample;
  /** @default 'relu' */
  readonly activation?: 'relu' | 'leaky';
  /** @default false */
  readonly deconv?: boolean;
}

export class PConvLayer extends nn.Module<[Tensor, Tensor], { features: Tensor; mask: Tensor }> {
  readonly conv: PartialConv2d;
  readonly deconv: nn.ConvTranspose2d | null;
  readonly bn: nn.BatchNorm2d;
  readonly activation: 'relu' | 'leaky';

  constructor(inChannels: number, outChannels: number, options: PConvLayerOptions = {}) {
    super();
    const sample = options.sample ?? 'none-3';
    const kernelSize = sample === 'none-3' ? 3 : Number(sample.slice(5));
    const stride = sample === 'none-3' ? 1 : 2;
    this.conv = this.registerModule('conv', new PartialConv2d(inChannels, outChannels, kernelSize, { stride, padding: (kernelSize - 1) / 2, bias: false }));
    this.deconv = options.deconv ? this.registerModule('deconv', new nn.ConvTranspose2d(outChannels, outChannels, 4, { stride: 2, padding: 1, bias: false })) : null;
    this.bn = this.registerModule('bn', new nn.BatchNorm2d(outChannels));
    this.activation = options.activation ?? 'relu';
  }

  forward(x: Tensor, mask: Tensor): { features: Tensor; mask: Tensor } {
    const { output, mask: updated } = this.conv.call(x, mask);
    const normalised = this.bn.call(this.deconv ? this.deconv.call(output) : output);
    const features = this.activation === 'relu' ? normalised.relu() : F.leakyRelu(normalised, 0.2);
    return { features, mask: F.interpolate(updated, { size: features.shape.slice(2) }) };
  }
}
