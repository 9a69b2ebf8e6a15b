/**
 * Gated convolution (Yu et al. 2019, "Free-Form Image Inpainting with Gated Convolution"): one
 * convolution gives 2 x out channels, split into features and a gate; out = act(features) *
 * sigmoid(gate). Layers with 3 outputs (the image) or no activation are plain convolutions.
 * Names as in the PyTorch port that carries the official weights (nipponjo/deepfillv2-pytorch,
 * model/networks_tf.py): the convolution is the child `conv`.
 */
import { F, nn, noGrad, rand, tidy, type Tensor } from '../../torch/index.js';
import { tfSameConv2d } from './tf-same-padding.js';

export type GateActivation = 'elu' | 'relu' | null;

export interface GatedConvOptions {
  /** @default 1 */
  stride?: number;
  /** Dilation. @default 1 */
  rate?: number;
  /** @default 'elu' */
  activation?: GateActivation;
}

export class GatedConv2d extends nn.Module {
  readonly conv: nn.Conv2d;
  readonly stride: number;
  readonly rate: number;
  readonly activation: GateActivation;
  readonly gated: boolean;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number,
    options: GatedConvOptions = {},
  ) {
    super();
    this.stride = options.stride ?? 1;
    this.rate = options.rate ?? 1;
    this.activation = options.activation === undefined ? 'elu' : options.activation;
    this.gated = outChannels !== 3 && this.activation !== null;
    this.conv = this.registerModule('conv', new nn.Conv2d(inChannels, this.gated ? 2 * outChannels : outChannels, kernelSize, { dilation: this.rate }));
    initialiseLikeThePort(this.conv, this.activation);
  }

  forward(x: Tensor): Tensor {
    const y = tfSameConv2d(x, this.conv.weight, this.conv.bias, this.stride, this.rate);
    if (!this.gated) return y;
    const [features, gate] = y.split(this.outChannels, 1);
    const activated = this.activation === 'elu' ? F.elu(features) : features.relu();
    const opening = gate.sigmoid();
    const out = activated.mul(opening);
    // Freed now rather than at the end of the caller's tidy: a whole network's intermediates
    // would otherwise pile up (autograd keeps what backward needs by itself).
    for (const t of [y, features, gate, activated, opening]) t.dispose();
    return out;
  }
}

/** Nearest x2 upsampling, then a 3x3 gated convolution (the decoder's up step). */
export class GatedUpConv2d extends nn.Module {
  readonly conv: GatedConv2d;

  constructor(inChannels: number, outChannels: number) {
    super();
    this.conv = this.registerModule('conv', new GatedConv2d(inChannels, outChannels, 3));
  }

  forward(x: Tensor): Tensor {
    const larger = F.interpolate(x, { scaleFactor: 2, mode: 'nearest' });
    const out = this.conv.call(larger);
    larger.dispose();
    return out;
  }
}

/**
 * Kaiming-uniform over fan-out with the gain of the activation, zero bias: the port's
 * initialisation (layers without an activation keep PyTorch's default). Only matters for training
 * from scratch; loaded weights replace it.
 */
function initialiseLikeThePort(conv: nn.Conv2d, activation: GateActivation): void {
  if (activation === null) return;
  const [out, , kh, kw] = conv.weight.shape;
  const bound = Math.sqrt(2) * Math.sqrt(3 / (out * kh * kw));
  noGrad(() => tidy(() => {
    conv.weight.copy_(rand(conv.weight.shape).mul(2 * bound).sub(bound));
    conv.bias?.zero_();
  }));
}
