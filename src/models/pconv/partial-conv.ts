/**
 * The partial convolution (Liu et al. 2018) with naoto0804's parameter names
 * (pytorch-inpainting-with-partial-conv, net.py `PartialConv`): `input_conv` (the trained
 * convolution) and `mask_conv` (all ones, frozen, but in the state dict). The mask is
 * multi-channel: as many channels as the input, and the new mask has as many as the output.
 *
 * Two scalings of the renormalisation, the same otherwise:
 * - 'naoto': (C(M⊙X) − b) / sum(M) + b, 0 where sum(M) = 0; new mask 1 where sum(M) > 0. What
 *   naoto0804's released weights were trained with.
 * - 'nvidia': NVIDIA/partialconv `PartialConv2d(multi_channel=True)`: (C(M⊙X) − b) · window /
 *   (sum(M) + 1e-8) · clamp(sum(M), 0, 1) + b, times clamp(sum(M), 0, 1), window = C_in·kh·kw (the
 *   paper's sum(1)/sum(M)); new mask clamp(sum(M), 0, 1).
 */
import { nn, noGrad, ones, randn, tidy, where, zeros, type Tensor } from '../../torch/index.js';

export type PartialConvScaling = 'naoto' | 'nvidia';
export const PARTIAL_CONV_SCALINGS: readonly PartialConvScaling[] = ['naoto', 'nvidia'];

export interface PartialConvOptions {
  stride?: number;
  padding?: number;
  bias?: boolean;
}

export class PartialConv extends nn.Module<[Tensor, Tensor], [Tensor, Tensor]> {
  readonly input_conv: nn.Conv2d;
  readonly mask_conv: nn.Conv2d;
  /** Which renormalisation forward applies; set by the owning network. */
  scaling: PartialConvScaling = 'naoto';

  constructor(inChannels: number, outChannels: number, kernelSize: number, options: PartialConvOptions = {}) {
    super();
    const geometry = { stride: options.stride ?? 1, padding: options.padding ?? 0 };
    this.input_conv = this.registerModule('input_conv', new nn.Conv2d(inChannels, outChannels, kernelSize, { ...geometry, bias: options.bias ?? true }));
    this.mask_conv = this.registerModule('mask_conv', new nn.Conv2d(inChannels, outChannels, kernelSize, { ...geometry, bias: false }));
    kaimingNormalFanIn(this.input_conv);
    noGrad(() => tidy(() => void this.mask_conv.weight.copy_(ones(this.mask_conv.weight.shape))));
    this.mask_conv.weight.requiresGrad_(false);
  }

  /** x [B,C_in,H,W] and its mask (1 = valid, same shape) -> features and the new mask [B,C_out,H',W']. */
  forward(x: Tensor, mask: Tensor): [Tensor, Tensor] {
    const output = this.input_conv.call(x.mul(mask));
    const bias = this.input_conv.bias?.view(1, -1, 1, 1);
    const coverage = noGrad(() => this.mask_conv.call(mask));
    return this.scaling === 'naoto' ? naotoScaled(output, bias, coverage) : nvidiaScaled(output, bias, coverage, this.windowSize());
  }

  /** C_in·kh·kw: NVIDIA's slide_winsize for a multi-channel mask. */
  windowSize(): number {
    const [, inChannels, kh, kw] = this.mask_conv.weight.shape;
    return inChannels * kh * kw;
  }
}

function naotoScaled(output: Tensor, bias: Tensor | undefined, coverage: Tensor): [Tensor, Tensor] {
  const holes = coverage.eq(0);
  const none = zeros([]);
  const sum = where(holes, none.add(1), coverage);
  const unbiased = bias ? output.sub(bias) : output;
  const scaled = bias ? unbiased.div(sum).add(bias) : unbiased.div(sum);
  return [where(holes, none, scaled), where(holes, none, none.add(1))];
}

function nvidiaScaled(output: Tensor, bias: Tensor | undefined, coverage: Tensor, window: number): [Tensor, Tensor] {
  const updated = coverage.clamp(0, 1);
  const ratio = coverage.add(1e-8).pow(-1).mul(window).mul(updated);
  if (!bias) return [output.mul(ratio), updated];
  return [output.sub(bias).mul(ratio).add(bias).mul(updated), updated];
}

/** naoto0804's `weights_init('kaiming')`: normal with std sqrt(2 / fan_in), bias 0 (training from scratch only). */
function kaimingNormalFanIn(conv: nn.Conv2d): void {
  const [, inChannels, kh, kw] = conv.weight.shape;
  noGrad(() => tidy(() => {
    conv.weight.copy_(randn(conv.weight.shape).mul(Math.sqrt(2 / (inChannels * kh * kw))));
    conv.bias?.zero_();
  }));
}
