/**
 * Convolution layers as torch.nn's: Conv2d, Conv3d and ConvTranspose2d, with PyTorch's
 * parameter names (`weight`, `bias`), weight layouts and default initialisation.
 */
import { InvalidOptionError } from '../../core/errors.js';
import * as F from '../functional.js';
import type { Tensor } from '../tensor.js';
import { defaultUniform, fanIn } from './init.js';
import { Module } from './module.js';

export interface ConvLayerOptions {
  /** @default 1 */
  stride?: F.Size;
  /** @default 0 */
  padding?: F.Size;
  /** @default 1 */
  dilation?: F.Size;
  /** @default 1 */
  groups?: number;
  /** @default true */
  bias?: boolean;
  /** How the border is padded: with zeros, or by reflecting or repeating the edge. @default 'zeros' */
  paddingMode?: PaddingMode;
}

export type PaddingMode = 'zeros' | 'reflect' | 'replicate';

export interface ConvTransposeLayerOptions extends Omit<ConvLayerOptions, 'paddingMode'> {
  /** @default 0 */
  outputPadding?: F.Size;
}

/** What every convolution layer stores; `weight` is reassigned by spectralNorm. */
abstract class Convolution extends Module {
  weight: Tensor;
  bias: Tensor | null;
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: number[];
  readonly dilation: number[];
  readonly groups: number;
  readonly paddingMode: PaddingMode;

  /** The weight is [out, in/groups, ...kernel], or [in, out/groups, ...kernel] when transposed. */
  constructor(
    spatial: number,
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: F.Size,
    options: ConvLayerOptions,
    transposed: boolean,
  ) {
    super();
    positiveInteger('inChannels', inChannels);
    positiveInteger('outChannels', outChannels);
    this.groups = options.groups ?? 1;
    positiveInteger('groups', this.groups);
    if (inChannels % this.groups !== 0 || outChannels % this.groups !== 0) {
      throw new InvalidOptionError('groups', `a divisor of inChannels (${inChannels}) and outChannels (${outChannels})`, this.groups);
    }
    this.kernelSize = perDimension('kernelSize', kernelSize, spatial, 1);
    this.stride = perDimension('stride', options.stride ?? 1, spatial, 1);
    this.padding = perDimension('padding', options.padding ?? 0, spatial, 0);
    this.dilation = perDimension('dilation', options.dilation ?? 1, spatial, 1);
    this.paddingMode = options.paddingMode ?? 'zeros';
    if (!['zeros', 'reflect', 'replicate'].includes(this.paddingMode)) {
      throw new InvalidOptionError('paddingMode', "'zeros', 'reflect' or 'replicate'", this.paddingMode);
    }
    const channels = transposed ? [inChannels, outChannels / this.groups] : [outChannels, inChannels / this.groups];
    const shape = [...channels, ...this.kernelSize];
    this.weight = this.registerParameter('weight', defaultUniform(shape, fanIn(shape)));
    this.bias = this.registerParameter('bias', options.bias ?? true ? defaultUniform([outChannels], fanIn(shape)) : null);
  }

  /** x padded as paddingMode says (zeros: unchanged, the convolution pads). */
  protected padded(x: Tensor): Tensor {
    if (this.paddingMode === 'zeros') return x;
    // F.pad lists (before, after) from the last dimension backwards.
    const pads = [...this.padding].reverse().flatMap((p) => [p, p]);
    return F.pad(x, pads, { mode: this.paddingMode });
  }

  protected convOptions(): F.ConvOptions {
    const padding = this.paddingMode === 'zeros' ? this.padding : 0;
    return { stride: this.stride, padding, dilation: this.dilation, groups: this.groups };
  }
}

export class Conv2d extends Convolution {
  constructor(inChannels: number, outChannels: number, kernelSize: F.Size, options: ConvLayerOptions = {}) {
    super(2, inChannels, outChannels, kernelSize, options, false);
  }

  forward(x: Tensor): Tensor {
    return F.conv2d(this.padded(x), this.weight, this.bias, this.convOptions());
  }
}

export class Conv3d extends Convolution {
  constructor(inChannels: number, outChannels: number, kernelSize: F.Size, options: ConvLayerOptions = {}) {
    super(3, inChannels, outChannels, kernelSize, options, false);
  }

  forward(x: Tensor): Tensor {
    return F.conv3d(this.padded(x), this.weight, this.bias, this.convOptions());
  }
}

/** The weight is [inChannels, outChannels / groups, kH, kW], as PyTorch's. */
export class ConvTranspose2d extends Convolution {
  readonly outputPadding: number[];

  constructor(inChannels: number, outChannels: number, kernelSize: F.Size, options: ConvTransposeLayerOptions = {}) {
    super(2, inChannels, outChannels, kernelSize, options, true);
    this.outputPadding = perDimension('outputPadding', options.outputPadding ?? 0, 2, 0);
  }

  forward(x: Tensor): Tensor {
    return F.convTranspose2d(x, this.weight, this.bias, { ...this.convOptions(), outputPadding: this.outputPadding });
  }
}

function positiveInteger(option: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new InvalidOptionError(option, 'an integer >= 1', value);
}

function perDimension(option: string, value: F.Size, n: number, min: number): number[] {
  const list = typeof value === 'number' ? new Array<number>(n).fill(value) : [...value];
  if (list.length !== n || list.some((v) => !Number.isInteger(v) || v < min)) {
    throw new InvalidOptionError(option, `an integer >= ${min} or ${n} of them`, value);
  }
  return list;
}
