/**
 * The libtorch addon (src/native/, built by `npm run build:native` into build/Release/) and the
 * shape of what it exports. Only src/torch/ talks to it; everyone else uses Tensor and F.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NativeEngineMissingError } from '../core/errors.js';

export type Dtype = 'float32' | 'int64' | 'bool';
export type TypedArrayOf<D extends Dtype> = D extends 'float32'
  ? Float32Array
  : D extends 'int64'
    ? BigInt64Array
    : Uint8Array;

/** A tensor object made by the addon: one libtorch tensor. */
export interface NativeTensor {
  readonly shape: number[];
  readonly dtype: Dtype;
  readonly device: string;
  readonly numel: number;
  requiresGrad: boolean;
  readonly grad: NativeTensor | undefined;
  toArray(): Float32Array | BigInt64Array | Uint8Array;
  item(): number | boolean;
  backward(gradient: NativeTensor | null, retainGraph: boolean): void;
  clearGrad(): void;
  /** Frees the tensor; the object must not be used afterwards (the addon refuses it). */
  dispose(): void;
}

type T = NativeTensor;
type Ints = readonly number[];

export interface NativeAdam {
  step(): void;
  zeroGrad(): void;
  lr: number;
  getState(index: number): { step: number; expAvg: T; expAvgSq: T; maxExpAvgSq?: T } | undefined;
  setState(index: number, step: number, expAvg: T, expAvgSq: T, maxExpAvgSq?: T): void;
}

/** The addon's exports: argument order and meaning follow ATen's functions of the same name. */
export interface NativeEngine {
  fromArray(data: Float32Array | BigInt64Array | Uint8Array, shape: Ints): T;
  zeros(shape: Ints, dtype: Dtype): T;
  ones(shape: Ints, dtype: Dtype): T;
  full(shape: Ints, value: number, dtype: Dtype): T;
  randn(shape: Ints): T;
  rand(shape: Ints): T;
  manualSeed(seed: number): void;
  to(x: T, dtype: Dtype, device: string): T;
  detach(x: T): T;
  clone(x: T): T;
  contiguous(x: T): T;
  copy_(target: T, source: T): T;
  zero_(target: T): T;
  cudaAvailable(): boolean;
  neg(x: T): T;
  abs(x: T): T;
  exp(x: T): T;
  log(x: T): T;
  sqrt(x: T): T;
  relu(x: T): T;
  sigmoid(x: T): T;
  tanh(x: T): T;
  leakyRelu(x: T, negativeSlope: number): T;
  elu(x: T, alpha: number): T;
  pow(x: T, exponent: number): T;
  clamp(x: T, min: number | null, max: number | null): T;
  add(a: T, b: T | number): T;
  sub(a: T, b: T | number): T;
  mul(a: T, b: T | number): T;
  div(a: T, b: T | number): T;
  eq(a: T, b: T | number): T;
  gt(a: T, b: T | number): T;
  lt(a: T, b: T | number): T;
  maximum(a: T, b: T): T;
  minimum(a: T, b: T): T;
  where(condition: T, a: T, b: T): T;
  sum(x: T, dims: Ints, keepdim: boolean): T;
  mean(x: T, dims: Ints, keepdim: boolean): T;
  amax(x: T, dims: Ints, keepdim: boolean): T;
  amin(x: T, dims: Ints, keepdim: boolean): T;
  softmax(x: T, dim: number): T;
  logSoftmax(x: T, dim: number): T;
  cat(tensors: readonly T[], dim: number): T;
  stack(tensors: readonly T[], dim: number): T;
  split(x: T, splitSize: number, dim: number): T[];
  view(x: T, shape: Ints): T;
  reshape(x: T, shape: Ints): T;
  permute(x: T, dims: Ints): T;
  transpose(x: T, dim0: number, dim1: number): T;
  narrow(x: T, dim: number, start: number, length: number): T;
  unsqueeze(x: T, dim: number): T;
  squeeze(x: T, dim: number): T;
  expand(x: T, shape: Ints): T;
  matmul(a: T, b: T): T;
  bmm(a: T, b: T): T;
  linear(x: T, weight: T, bias: T | null): T;
  convolution(
    x: T, weight: T, bias: T | null, stride: Ints, padding: Ints, dilation: Ints,
    transposed: boolean, outputPadding: Ints, groups: number,
  ): T;
  convolutionAsync(
    x: T, weight: T, bias: T | null, stride: Ints, padding: Ints, dilation: Ints,
    transposed: boolean, outputPadding: Ints, groups: number,
  ): Promise<T>;
  maxPool2d(x: T, kernelSize: Ints, stride: Ints, padding: Ints, dilation: Ints, ceilMode: boolean): T;
  avgPool2d(x: T, kernelSize: Ints, stride: Ints, padding: Ints, ceilMode: boolean, countIncludePad: boolean): T;
  interpolate(x: T, size: Ints | null, scaleFactor: readonly number[] | null, mode: string, alignCorners: boolean | null): T;
  pad(x: T, pad: Ints, mode: string, value: number): T;
  gridSample(x: T, grid: T, mode: string, paddingMode: string, alignCorners: boolean): T;
  unfold(x: T, kernelSize: Ints, dilation: Ints, padding: Ints, stride: Ints): T;
  fold(x: T, outputSize: Ints, kernelSize: Ints, dilation: Ints, padding: Ints, stride: Ints): T;
  batchNorm(
    x: T, runningMean: T | null, runningVar: T | null, weight: T | null, bias: T | null,
    training: boolean, momentum: number, eps: number,
  ): T;
  instanceNorm(
    x: T, runningMean: T | null, runningVar: T | null, weight: T | null, bias: T | null,
    useInputStats: boolean, momentum: number, eps: number,
  ): T;
  grad(
    outputs: readonly T[], inputs: readonly T[], gradOutputs: readonly T[] | null,
    retainGraph: boolean, createGraph: boolean, allowUnused: boolean,
  ): (T | undefined)[];
  setGradEnabled(enabled: boolean): void;
  isGradEnabled(): boolean;
  setNumThreads(threads: number): void;
  getNumThreads(): number;
  resample2d(input: T, flow: T, kernelSize: number, dilation: number, sigma: number): T;
  gridLaplacianSolve(
    right: Float64Array, down: Float64Array, width: number, height: number, lambda: number,
    sides: readonly Float64Array[],
  ): Float64Array[];
  Adam: new (
    params: readonly T[], lr: number, beta1: number, beta2: number, eps: number,
    weightDecay: number, amsgrad: boolean,
  ) => NativeAdam;
}

const ADDON_FILE = join('build', 'Release', 'inpaint_torch.node');

let engine: NativeEngine | undefined;

/**
 * The addon, loaded on first use. Throws NativeEngineMissingError when it was not built or
 * libtorch cannot be loaded, so that a network method fails with what to install while the
 * classical methods keep working.
 */
export function loadNative(): NativeEngine {
  if (engine) return engine;
  const path = join(packageRoot(), ADDON_FILE);
  if (!existsSync(path)) throw new NativeEngineMissingError(`${path} does not exist`);
  try {
    engine = createRequire(import.meta.url)(path) as NativeEngine;
  } catch (error) {
    throw new NativeEngineMissingError(`${path} did not load: ${(error as Error).message}`, { cause: error });
  }
  // libtorch's own default depends on which call comes first (one thread here once it asks, one a
  // core for oneDNN before that): fix it to one a core, as measured fastest (bench/torch.ts).
  engine.setNumThreads(availableParallelism());
  return engine;
}

/** Whether the addon is built and loads (for tests and callers that have a fallback). */
export function nativeAvailable(): boolean {
  try {
    loadNative();
    return true;
  } catch (error) {
    if (error instanceof NativeEngineMissingError) return false;
    throw error;
  }
}

/** The folder holding package.json, from src/torch/ as from dist/src/torch/. */
function packageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) return process.cwd();
    folder = parent;
  }
  return folder;
}
