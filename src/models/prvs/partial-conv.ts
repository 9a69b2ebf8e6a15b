/**
 * NVIDIA's partial convolution (Liu et al. 2018; NVIDIA/partialconv `PartialConv2d`, which PRVS
 * copies as modules/partialconv2d.py with `return_mask` always on), in its multi-channel form:
 * the mask has the input's channels, and each output is the convolution of the masked input
 * rescaled by (window size / valid inputs in the window), zero where the window saw nothing valid.
 * Parameters `weight` and `bias` as nn.Conv2d's.
 *
 * As NVIDIA's, the layer keeps the last update mask and mask ratio: a call without a mask reuses
 * them while the input size stays the same (else it computes them for an all-valid mask).
 */
import { F, full, keep, noGrad, ones, tidy, type Tensor } from '../../torch/index.js';
import { Module } from '../../torch/nn/module.js';
import { defaultUniform, fanIn } from '../../torch/nn/init.js';

export interface PartialConvOptions {
  /** @default 1 */
  readonly stride?: number;
  /** @default 0 */
  readonly padding?: number;
  /** @default true */
  readonly bias?: boolean;
}

export interface PartialConvOutput {
  readonly output: Tensor;
  /** 1 where the window saw a valid input, per output channel. */
  readonly mask: Tensor;
}

interface MaskCache {
  readonly height: number;
  readonly width: number;
  readonly updateMask: Tensor;
  readonly maskRatio: Tensor;
}

export class PartialConv2d extends Module<[Tensor, Tensor?], PartialConvOutput> {
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly stride: number;
  readonly padding: number;
  #cache: MaskCache | undefined;

  constructor(readonly inChannels: number, readonly outChannels: number, readonly kernelSize: number, options: PartialConvOptions = {}) {
    super();
    this.stride = options.stride ?? 1;
    this.padding = options.padding ?? 0;
    const shape = [outChannels, inChannels, kernelSize, kernelSize];
    this.weight = this.registerParameter('weight', defaultUniform(shape, fanIn(shape)));
    this.bias = this.registerParameter('bias', options.bias ?? true ? defaultUniform([outChannels], fanIn(shape)) : null);
  }

  forward(x: Tensor, mask?: Tensor): PartialConvOutput {
    const [batch, , height, width] = x.shape;
    if (mask !== undefined || this.#cache?.height !== height || this.#cache.width !== width) {
      this.#remember(height, width, mask ?? ones([batch, this.inChannels, height, width]));
    }
    const { updateMask, maskRatio } = this.#cache!;
    const raw = F.conv2d(mask ? x.mul(mask) : x, this.weight, null, { stride: this.stride, padding: this.padding });
    if (this.bias === null) return { output: raw.mul(maskRatio), mask: updateMask };
    const bias = this.bias.view(1, this.outChannels, 1, 1);
    return { output: raw.mul(maskRatio).add(bias).mul(updateMask), mask: updateMask };
  }

  /**
   * NVIDIA convolves the mask with an all-ones [out, in, k, k] kernel: every output channel holds
   * the window's count of valid inputs over all channels. The channel sum convolved with one
   * all-ones k x k kernel is the same count (whole numbers, exact in float32), for 1/out the work.
   */
  #remember(height: number, width: number, mask: Tensor): void {
    const { kernelSize: k, inChannels, outChannels } = this;
    const window = inChannels * k * k;
    const computed = tidy(() => noGrad(() => {
      const count = F.conv2d(mask.sum([1], true), ones([1, 1, k, k]), null, { stride: this.stride, padding: this.padding });
      const updateMask = count.clamp(0, 1);
      const maskRatio = full(count.shape, window).div(count.add(1e-8)).mul(updateMask);
      const [b, , h, w] = count.shape;
      return { updateMask: updateMask.expand(b, outChannels, h, w), maskRatio: maskRatio.expand(b, outChannels, h, w) };
    }));
    this.clearMaskCache();
    this.#cache = { height, width, updateMask: keep(computed.updateMask), maskRatio: keep(computed.maskRatio) };
  }

  /** Frees the kept update mask and mask ratio (Module.dispose frees only parameters and buffers). */
  clearMaskCache(): void {
    this.#cache?.updateMask.dispose();
    this.#cache?.maskRatio.dispose();
    this.#cache = undefined;
  }

  override dispose(): void {
    this.clearMaskCache();
    super.dispose();
  }
}
