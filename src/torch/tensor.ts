/**
 * Tensor: a PyTorch-like handle on one libtorch tensor (float32, int64 or bool; CPU, or CUDA
 * where the linked libtorch has it). Methods mirror torch.Tensor's names in camelCase; the
 * network ops (convolutions, pooling, norms, ...) are in functional.ts as `F`.
 *
 * Memory: `dispose()` frees the storage now; `tidy(fn)` disposes what fn created; a tensor left
 * to the garbage collector is freed when its object is collected.
 */
import { InvalidInputError } from '../core/errors.js';
import { loadNative, type Dtype, type NativeTensor } from './native.js';
import { track } from './scope.js';

/** A second operand: a tensor (broadcast as in PyTorch) or a number. */
export type Operand = Tensor | number;

export class Tensor {
  #native: NativeTensor | undefined;

  /** Wraps an addon tensor and records it in the open tidy scope. For src/torch/ only. */
  constructor(native: NativeTensor) {
    this.#native = native;
    track(this);
  }

  /** The addon's tensor, for src/torch/ only; throws once this tensor was disposed. */
  get native(): NativeTensor {
    if (!this.#native) throw new InvalidInputError('tensor', 'a tensor that was not disposed', 'a disposed tensor');
    return this.#native;
  }

  get shape(): number[] {
    return this.native.shape;
  }
  get dtype(): Dtype {
    return this.native.dtype;
  }
  get device(): string {
    return this.native.device;
  }
  /** Number of elements. */
  get numel(): number {
    return this.native.numel;
  }
  get dim(): number {
    return this.native.shape.length;
  }
  get isDisposed(): boolean {
    return this.#native === undefined;
  }

  // ---- autograd

  get requiresGrad(): boolean {
    return this.native.requiresGrad;
  }
  set requiresGrad(value: boolean) {
    this.native.requiresGrad = value;
  }
  /** Sets requiresGrad and returns this, as PyTorch's `requires_grad_()`. */
  requiresGrad_(value = true): this {
    this.native.requiresGrad = value;
    return this;
  }
  /** The accumulated gradient, or undefined before any backward pass reached this tensor. */
  get grad(): Tensor | undefined {
    const grad = this.native.grad;
    return grad ? new Tensor(grad) : undefined;
  }
  /** Back-propagates from this tensor (a scalar unless `gradient` is given). */
  backward(gradient?: Tensor, options: { retainGraph?: boolean } = {}): void {
    this.native.backward(gradient?.native ?? null, options.retainGraph ?? false);
  }
  /** Drops the accumulated gradient (PyTorch: `x.grad = None`). */
  clearGrad(): void {
    this.native.clearGrad();
  }
  detach(): Tensor {
    return new Tensor(loadNative().detach(this.native));
  }

  // ---- data

  /** A copy of the elements, row-major: Float32Array, BigInt64Array or Uint8Array (bool, 0/1). */
  toArray(): Float32Array | BigInt64Array | Uint8Array {
    return this.native.toArray();
  }
  /** The value of a one-element tensor. */
  item(): number | boolean {
    return this.native.item();
  }
  clone(): Tensor {
    return new Tensor(loadNative().clone(this.native));
  }
  contiguous(): Tensor {
    return new Tensor(loadNative().contiguous(this.native));
  }
  to(options: { dtype?: Dtype; device?: string }): Tensor {
    return new Tensor(loadNative().to(this.native, options.dtype ?? this.dtype, options.device ?? this.device));
  }
  /** Copies source's values into this tensor in place (no autograd: for loading weights). */
  copy_(source: Tensor): this {
    loadNative().copy_(this.native, source.native);
    return this;
  }
  zero_(): this {
    loadNative().zero_(this.native);
    return this;
  }
  /** Frees the storage now (safe to call twice). Using the tensor afterwards throws. */
  dispose(): void {
    this.#native?.dispose();
    this.#native = undefined;
  }

  // ---- elementwise

  add(other: Operand): Tensor {
    return new Tensor(loadNative().add(this.native, operand(other)));
  }
  sub(other: Operand): Tensor {
    return new Tensor(loadNative().sub(this.native, operand(other)));
  }
  mul(other: Operand): Tensor {
    return new Tensor(loadNative().mul(this.native, operand(other)));
  }
  div(other: Operand): Tensor {
    return new Tensor(loadNative().div(this.native, operand(other)));
  }
  eq(other: Operand): Tensor {
    return new Tensor(loadNative().eq(this.native, operand(other)));
  }
  gt(other: Operand): Tensor {
    return new Tensor(loadNative().gt(this.native, operand(other)));
  }
  lt(other: Operand): Tensor {
    return new Tensor(loadNative().lt(this.native, operand(other)));
  }
  maximum(other: Tensor): Tensor {
    return new Tensor(loadNative().maximum(this.native, other.native));
  }
  minimum(other: Tensor): Tensor {
    return new Tensor(loadNative().minimum(this.native, other.native));
  }
  pow(exponent: number): Tensor {
    return new Tensor(loadNative().pow(this.native, exponent));
  }
  clamp(min?: number, max?: number): Tensor {
    return new Tensor(loadNative().clamp(this.native, min ?? null, max ?? null));
  }
  neg(): Tensor {
    return new Tensor(loadNative().neg(this.native));
  }
  abs(): Tensor {
    return new Tensor(loadNative().abs(this.native));
  }
  exp(): Tensor {
    return new Tensor(loadNative().exp(this.native));
  }
  log(): Tensor {
    return new Tensor(loadNative().log(this.native));
  }
  sqrt(): Tensor {
    return new Tensor(loadNative().sqrt(this.native));
  }
  relu(): Tensor {
    return new Tensor(loadNative().relu(this.native));
  }
  sigmoid(): Tensor {
    return new Tensor(loadNative().sigmoid(this.native));
  }
  tanh(): Tensor {
    return new Tensor(loadNative().tanh(this.native));
  }

  // ---- reductions: no dims means over all elements

  sum(dims: number | readonly number[] = [], keepdim = false): Tensor {
    return new Tensor(loadNative().sum(this.native, list(dims), keepdim));
  }
  mean(dims: number | readonly number[] = [], keepdim = false): Tensor {
    return new Tensor(loadNative().mean(this.native, list(dims), keepdim));
  }
  amax(dims: number | readonly number[] = [], keepdim = false): Tensor {
    return new Tensor(loadNative().amax(this.native, list(dims), keepdim));
  }
  amin(dims: number | readonly number[] = [], keepdim = false): Tensor {
    return new Tensor(loadNative().amin(this.native, list(dims), keepdim));
  }
  softmax(dim: number): Tensor {
    return new Tensor(loadNative().softmax(this.native, dim));
  }
  logSoftmax(dim: number): Tensor {
    return new Tensor(loadNative().logSoftmax(this.native, dim));
  }

  // ---- linear algebra

  matmul(other: Tensor): Tensor {
    return new Tensor(loadNative().matmul(this.native, other.native));
  }
  bmm(other: Tensor): Tensor {
    return new Tensor(loadNative().bmm(this.native, other.native));
  }

  // ---- shapes

  view(...shape: number[]): Tensor {
    return new Tensor(loadNative().view(this.native, shape));
  }
  reshape(...shape: number[]): Tensor {
    return new Tensor(loadNative().reshape(this.native, shape));
  }
  permute(...dims: number[]): Tensor {
    return new Tensor(loadNative().permute(this.native, dims));
  }
  transpose(dim0: number, dim1: number): Tensor {
    return new Tensor(loadNative().transpose(this.native, dim0, dim1));
  }
  narrow(dim: number, start: number, length: number): Tensor {
    return new Tensor(loadNative().narrow(this.native, dim, start, length));
  }
  unsqueeze(dim: number): Tensor {
    return new Tensor(loadNative().unsqueeze(this.native, dim));
  }
  squeeze(dim: number): Tensor {
    return new Tensor(loadNative().squeeze(this.native, dim));
  }
  expand(...shape: number[]): Tensor {
    return new Tensor(loadNative().expand(this.native, shape));
  }
  /** Pieces of `splitSize` along dim (the last one may be shorter). */
  split(splitSize: number, dim = 0): Tensor[] {
    return loadNative().split(this.native, splitSize, dim).map((part) => new Tensor(part));
  }
}

function operand(value: Operand): NativeTensor | number {
  return typeof value === 'number' ? value : value.native;
}

function list(dims: number | readonly number[]): readonly number[] {
  return typeof dims === 'number' ? [dims] : dims;
}
