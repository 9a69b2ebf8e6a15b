/**
 * The network ops, named as torch.nn.functional's (camelCase), with the same defaults. Sizes
 * given as one number apply to every spatial dimension. Everything here is synchronous except
 * conv2dAsync, which runs on libuv's thread pool.
 */
import { InvalidOptionError } from '../core/errors.js';
import { loadNative, type NativeTensor } from './native.js';
import { tensor } from './creation.js';
import { Tensor } from './tensor.js';

/** One value for every spatial dimension, or one each. */
export type Size = number | readonly number[];

export interface ConvOptions {
  /** @default 1 */
  stride?: Size;
  /** @default 0 */
  padding?: Size;
  /** @default 1 */
  dilation?: Size;
  /** @default 1 */
  groups?: number;
}

export interface ConvTransposeOptions extends ConvOptions {
  /** @default 0 */
  outputPadding?: Size;
}

export function conv1d(x: Tensor, weight: Tensor, bias?: Tensor | null, options: ConvOptions = {}): Tensor {
  return new Tensor(convolution(1, false, x, weight, bias, options));
}

export function conv2d(x: Tensor, weight: Tensor, bias?: Tensor | null, options: ConvOptions = {}): Tensor {
  return new Tensor(convolution(2, false, x, weight, bias, options));
}

export function conv3d(x: Tensor, weight: Tensor, bias?: Tensor | null, options: ConvOptions = {}): Tensor {
  return new Tensor(convolution(3, false, x, weight, bias, options));
}

/** conv2d off the main thread: the Promise resolves to the result (autograd works as usual). */
export async function conv2dAsync(
  x: Tensor,
  weight: Tensor,
  bias?: Tensor | null,
  options: ConvOptions = {},
): Promise<Tensor> {
  const args = convolutionArgs(2, x, weight, bias, options);
  return new Tensor(await loadNative().convolutionAsync(args.x, args.weight, args.bias, args.stride,
    args.padding, args.dilation, false, zerosOf(2), args.groups));
}

export function convTranspose1d(x: Tensor, weight: Tensor, bias?: Tensor | null, options: ConvTransposeOptions = {}): Tensor {
  return new Tensor(convolution(1, true, x, weight, bias, options));
}

export function convTranspose2d(x: Tensor, weight: Tensor, bias?: Tensor | null, options: ConvTransposeOptions = {}): Tensor {
  return new Tensor(convolution(2, true, x, weight, bias, options));
}

export function convTranspose3d(x: Tensor, weight: Tensor, bias?: Tensor | null, options: ConvTransposeOptions = {}): Tensor {
  return new Tensor(convolution(3, true, x, weight, bias, options));
}

export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  return new Tensor(loadNative().linear(x.native, weight.native, bias?.native ?? null));
}

// ---- activations

export function relu(x: Tensor): Tensor {
  return x.relu();
}

/** @param negativeSlope @default 0.01 */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return new Tensor(loadNative().leakyRelu(x.native, negativeSlope));
}

/** @param alpha @default 1 */
export function elu(x: Tensor, alpha = 1): Tensor {
  return new Tensor(loadNative().elu(x.native, alpha));
}

export function sigmoid(x: Tensor): Tensor {
  return x.sigmoid();
}

export function tanh(x: Tensor): Tensor {
  return x.tanh();
}

export function softmax(x: Tensor, dim: number): Tensor {
  return x.softmax(dim);
}

export function logSoftmax(x: Tensor, dim: number): Tensor {
  return x.logSoftmax(dim);
}

// ---- pooling

export interface MaxPoolOptions {
  /** @default kernelSize */
  stride?: Size;
  /** @default 0 */
  padding?: Size;
  /** @default 1 */
  dilation?: Size;
  /** @default false */
  ceilMode?: boolean;
}

export function maxPool2d(x: Tensor, kernelSize: Size, options: MaxPoolOptions = {}): Tensor {
  const kernel = sizes('kernelSize', kernelSize, 2, 1);
  return new Tensor(loadNative().maxPool2d(x.native, kernel, sizes('stride', options.stride ?? kernel, 2, 1),
    sizes('padding', options.padding ?? 0, 2, 0), sizes('dilation', options.dilation ?? 1, 2, 1),
    options.ceilMode ?? false));
}

export interface AvgPoolOptions {
  /** @default kernelSize */
  stride?: Size;
  /** @default 0 */
  padding?: Size;
  /** @default false */
  ceilMode?: boolean;
  /** @default true */
  countIncludePad?: boolean;
}

export function avgPool2d(x: Tensor, kernelSize: Size, options: AvgPoolOptions = {}): Tensor {
  const kernel = sizes('kernelSize', kernelSize, 2, 1);
  return new Tensor(loadNative().avgPool2d(x.native, kernel, sizes('stride', options.stride ?? kernel, 2, 1),
    sizes('padding', options.padding ?? 0, 2, 0), options.ceilMode ?? false, options.countIncludePad ?? true));
}

// ---- resampling and padding

export interface InterpolateOptions {
  /** Output size of the spatial dimensions; give this or scaleFactor. */
  size?: Size;
  scaleFactor?: number | readonly number[];
  /** @default 'nearest' */
  mode?: 'nearest' | 'bilinear' | 'bicubic';
  /** Only for bilinear and bicubic. @default false */
  alignCorners?: boolean;
}

export function interpolate(x: Tensor, options: InterpolateOptions): Tensor {
  const spatial = x.dim - 2;
  const mode = options.mode ?? 'nearest';
  if ((options.size === undefined) === (options.scaleFactor === undefined)) {
    throw new InvalidOptionError('interpolate', 'exactly one of size and scaleFactor', options);
  }
  if (mode === 'nearest' && options.alignCorners !== undefined) {
    throw new InvalidOptionError('alignCorners', 'nothing with mode nearest', options.alignCorners);
  }
  const size = options.size === undefined ? null : sizes('size', options.size, spatial, 1);
  const scale = options.scaleFactor === undefined ? null
    : typeof options.scaleFactor === 'number' ? new Array<number>(spatial).fill(options.scaleFactor)
      : options.scaleFactor;
  const alignCorners = mode === 'nearest' ? null : options.alignCorners ?? false;
  return new Tensor(loadNative().interpolate(x.native, size, scale, mode, alignCorners));
}

/**
 * Pads the last dimensions: `pad` lists (before, after) pairs starting from the last dimension,
 * as PyTorch's F.pad. reflect needs each pad smaller than its dimension.
 */
export function pad(x: Tensor, pads: readonly number[], options: { mode?: 'constant' | 'reflect' | 'replicate'; value?: number } = {}): Tensor {
  if (pads.length % 2 !== 0 || pads.some((p) => !Number.isInteger(p))) {
    throw new InvalidOptionError('pad', 'an even number of integers', pads);
  }
  return new Tensor(loadNative().pad(x.native, pads, options.mode ?? 'constant', options.value ?? 0));
}

export interface GridSampleOptions {
  /** @default 'bilinear' */
  mode?: 'bilinear' | 'nearest' | 'bicubic';
  /** @default 'zeros' */
  paddingMode?: 'zeros' | 'border' | 'reflection';
  /** @default false */
  alignCorners?: boolean;
}

/** Samples x at grid's (x, y) positions in [-1, 1]: x [N,C,H,W], grid [N,Ho,Wo,2]. */
export function gridSample(x: Tensor, grid: Tensor, options: GridSampleOptions = {}): Tensor {
  return new Tensor(loadNative().gridSample(x.native, grid.native, options.mode ?? 'bilinear',
    options.paddingMode ?? 'zeros', options.alignCorners ?? false));
}

export interface UnfoldOptions {
  /** @default 1 */
  dilation?: Size;
  /** @default 0 */
  padding?: Size;
  /** @default 1 */
  stride?: Size;
}

/** Sliding blocks as columns: [N,C,H,W] -> [N, C*kh*kw, blocks]. */
export function unfold(x: Tensor, kernelSize: Size, options: UnfoldOptions = {}): Tensor {
  return new Tensor(loadNative().unfold(x.native, sizes('kernelSize', kernelSize, 2, 1),
    sizes('dilation', options.dilation ?? 1, 2, 1), sizes('padding', options.padding ?? 0, 2, 0),
    sizes('stride', options.stride ?? 1, 2, 1)));
}

/** The inverse of unfold, summing overlaps: [N, C*kh*kw, blocks] -> [N,C,outputSize]. */
export function fold(x: Tensor, outputSize: Size, kernelSize: Size, options: UnfoldOptions = {}): Tensor {
  return new Tensor(loadNative().fold(x.native, sizes('outputSize', outputSize, 2, 1),
    sizes('kernelSize', kernelSize, 2, 1), sizes('dilation', options.dilation ?? 1, 2, 1),
    sizes('padding', options.padding ?? 0, 2, 0), sizes('stride', options.stride ?? 1, 2, 1)));
}

// ---- normalisation

export interface NormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  /** @default 0.1 */
  momentum?: number;
  /** @default 1e-5 */
  eps?: number;
}

/**
 * Batch norm. training: normalise by the batch's statistics and update the running ones (when
 * given) in place; otherwise normalise by the running statistics.
 */
export function batchNorm(
  x: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  options: NormOptions & { training?: boolean } = {},
): Tensor {
  return new Tensor(loadNative().batchNorm(x.native, runningMean?.native ?? null, runningVar?.native ?? null,
    options.weight?.native ?? null, options.bias?.native ?? null, options.training ?? false,
    options.momentum ?? 0.1, options.eps ?? 1e-5));
}

/** Instance norm: each sample's channels normalised by their own statistics (by default). */
export function instanceNorm(
  x: Tensor,
  options: NormOptions & { runningMean?: Tensor | null; runningVar?: Tensor | null; useInputStats?: boolean } = {},
): Tensor {
  return new Tensor(loadNative().instanceNorm(x.native, options.runningMean?.native ?? null,
    options.runningVar?.native ?? null, options.weight?.native ?? null, options.bias?.native ?? null,
    options.useInputStats ?? true, options.momentum ?? 0.1, options.eps ?? 1e-5));
}

// ---- helpers

interface ConvolutionArgs {
  x: NativeTensor;
  weight: NativeTensor;
  bias: NativeTensor | null;
  stride: number[];
  padding: number[];
  dilation: number[];
  groups: number;
}

function convolutionArgs(spatial: number, x: Tensor, weight: Tensor, bias: Tensor | null | undefined, options: ConvOptions): ConvolutionArgs {
  const groups = options.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1) {
    throw new InvalidOptionError('groups', 'an integer >= 1', groups);
  }
  return {
    x: x.native,
    weight: weight.native,
    bias: bias?.native ?? null,
    stride: sizes('stride', options.stride ?? 1, spatial, 1),
    padding: sizes('padding', options.padding ?? 0, spatial, 0),
    dilation: sizes('dilation', options.dilation ?? 1, spatial, 1),
    groups,
  };
}

function convolution(
  spatial: number,
  transposed: boolean,
  x: Tensor,
  weight: Tensor,
  bias: Tensor | null | undefined,
  options: ConvTransposeOptions,
): NativeTensor {
  const args = convolutionArgs(spatial, x, weight, bias, options);
  const outputPadding = sizes('outputPadding', options.outputPadding ?? 0, spatial, 0);
  return loadNative().convolution(args.x, args.weight, args.bias, args.stride, args.padding, args.dilation,
    transposed, outputPadding, args.groups);
}

/** value for each of n dimensions, checked to be integers >= min. */
function sizes(option: string, value: Size, n: number, min: number): number[] {
  const list = typeof value === 'number' ? new Array<number>(n).fill(value) : [...value];
  if (list.length !== n || list.some((v) => !Number.isInteger(v) || v < min)) {
    throw new InvalidOptionError(option, `an integer >= ${min} or ${n} of them`, value);
  }
  return list;
}

function zerosOf(n: number): number[] {
  return new Array<number>(n).fill(0);
}

/**
 * The sampling grid [N,H,W,2] of 2-D affine matrices theta [N,2,3] for an output of `size`
 * [N,C,H,W], as torch's affine_grid: each output pixel's (x, y, 1) in [-1, 1] times theta
 * transposed. alignCorners true puts -1 and 1 on the corner pixels' centres (torch before 1.3),
 * false on their outer edges. Differentiable in theta (built from matmul).
 */
export function affineGrid(theta: Tensor, size: readonly number[], options: { alignCorners?: boolean } = {}): Tensor {
  const [n, , h, w] = size;
  if (size.length !== 4 || theta.dim !== 3 || theta.shape[0] !== n || theta.shape[1] !== 2 || theta.shape[2] !== 3) {
    throw new InvalidOptionError('affineGrid', 'theta [N,2,3] and size [N,C,H,W] with the same N', { theta: theta.shape, size });
  }
  const xs = linspaceFromMinusOne(w, options.alignCorners ?? false);
  const ys = linspaceFromMinusOne(h, options.alignCorners ?? false);
  const base = new Float32Array(h * w * 3);
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) base.set([xs[j], ys[i], 1], (i * w + j) * 3);
  }
  return tensor(base, [h * w, 3]).matmul(theta.transpose(1, 2)).view(n, h, w, 2);
}

/** torch's `_linspace_from_neg_one`: `steps` points from -1 to 1, shrunk by (steps - 1) / steps unless alignCorners. */
function linspaceFromMinusOne(steps: number, alignCorners: boolean): Float32Array {
  if (steps <= 1) return new Float32Array(steps);
  const step = 2 / (steps - 1);
  // torch.linspace fills the first half from the start and the second half from the end.
  const points = Float32Array.from({ length: steps }, (_, i) => (i < steps / 2 ? -1 + i * step : 1 - (steps - 1 - i) * step));
  return alignCorners ? points : points.map((p) => p * Math.fround((steps - 1) / steps));
}
