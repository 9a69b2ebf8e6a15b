/** Making tensors: from typed arrays or numbers, filled, random; joining several. */
import { InvalidInputError } from '../core/errors.js';
import { loadNative, type Dtype } from './native.js';
import { Tensor } from './tensor.js';

/**
 * A tensor holding a copy of data with the given shape (default: one dimension). The dtype follows
 * the array: Float32Array or number[] -> float32, BigInt64Array -> int64, Uint8Array -> bool.
 */
export function tensor(data: Float32Array | BigInt64Array | Uint8Array | readonly number[], shape?: readonly number[]): Tensor {
  const array = Array.isArray(data) ? Float32Array.from(data) : (data as Float32Array | BigInt64Array | Uint8Array);
  const dims = shape ?? [array.length];
  const count = dims.reduce((product, size) => product * size, 1);
  if (count !== array.length) {
    throw new InvalidInputError('tensor data', `${count} elements for shape [${dims.join(', ')}]`, `${array.length}`);
  }
  return new Tensor(loadNative().fromArray(array, dims));
}

export function zeros(shape: readonly number[], options: { dtype?: Dtype } = {}): Tensor {
  return new Tensor(loadNative().zeros(shape, options.dtype ?? 'float32'));
}

export function ones(shape: readonly number[], options: { dtype?: Dtype } = {}): Tensor {
  return new Tensor(loadNative().ones(shape, options.dtype ?? 'float32'));
}

export function full(shape: readonly number[], value: number, options: { dtype?: Dtype } = {}): Tensor {
  return new Tensor(loadNative().full(shape, value, options.dtype ?? 'float32'));
}

/** Standard normal float32 values from libtorch's generator (see manualSeed). */
export function randn(shape: readonly number[]): Tensor {
  return new Tensor(loadNative().randn(shape));
}

/** Uniform [0, 1) float32 values from libtorch's generator. */
export function rand(shape: readonly number[]): Tensor {
  return new Tensor(loadNative().rand(shape));
}

/** Seeds libtorch's CPU generator (the same stream as python3-torch's for the same seed). */
export function manualSeed(seed: number): void {
  loadNative().manualSeed(seed);
}

export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  return new Tensor(loadNative().cat(tensors.map((t) => t.native), dim));
}

export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  return new Tensor(loadNative().stack(tensors.map((t) => t.native), dim));
}

/** Elements of a where condition (bool) holds, else of b. */
export function where(condition: Tensor, a: Tensor, b: Tensor): Tensor {
  return new Tensor(loadNative().where(condition.native, a.native, b.native));
}

/** Whether the linked libtorch was built with CUDA and sees a GPU. */
export function cudaAvailable(): boolean {
  return loadNative().cudaAvailable();
}
