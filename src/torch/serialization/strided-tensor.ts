/**
 * Making engine tensors from a storage and a view of it (offset, shape, strides), as checkpoints
 * describe tensors. The budget keeps a small file from describing huge tensors: a stride-0 view,
 * or one storage viewed many times over, would otherwise be gathered into gigabytes.
 */
import { InvalidInputError } from '../../core/errors.js';
import { tensor } from '../creation.js';
import type { Tensor } from '../tensor.js';
import type { EngineArray } from './element-types.js';

/** How a checkpoint lays out one tensor in its storage, in elements. */
export interface StridedView {
  readonly offset: number;
  readonly shape: readonly number[];
  readonly stride: readonly number[];
}

/** Elements a checkpoint may make beyond twice the elements its storages hold (tied weights are fine). */
const SLACK_ELEMENTS = 1 << 20;
/** More tensors than any checkpoint holds (each is a native allocation). */
const MAX_TENSORS = 200_000;

/**
 * Counts the elements the tensors of one checkpoint make, against what its storages hold: a
 * tensor larger than its own storage, or tensors adding up to more than twice all storages, are
 * refused before anything is allocated.
 */
export class TensorBudget {
  private made = 0;
  private tensors = 0;
  private stored = 0;
  private readonly seen = new Set<unknown>();

  constructor(readonly source: string) {}

  /** Records a storage (once per identity) of `elements` elements. */
  addStorage(identity: unknown, elements: number): void {
    if (this.seen.has(identity)) return;
    this.seen.add(identity);
    this.stored += elements;
  }

  /** Throws unless a tensor of `count` elements over a storage of `storageElements` fits. */
  spend(count: number, storageElements: number, shape: readonly number[]): void {
    if (count > Math.max(storageElements, 1)) {
      throw new InvalidInputError(
        this.source,
        'tensors no larger than their storages',
        `a tensor of size [${shape}] (${count} elements) over a storage of ${storageElements} elements ` +
          '(a view repeating its elements, as a hostile file would, to fill memory)',
      );
    }
    if (++this.tensors > MAX_TENSORS) {
      throw new InvalidInputError(this.source, `at most ${MAX_TENSORS} tensors`, 'more (one tensor referred to over and over?)');
    }
    this.made += count;
    if (this.made > 2 * this.stored + SLACK_ELEMENTS) {
      throw new InvalidInputError(
        this.source,
        'tensors that together hold at most twice their storages',
        `tensors of ${this.made} elements over storages of ${this.stored} (views repeating one storage many times)`,
      );
    }
  }
}

/** The view's elements gathered from the decoded storage into a new contiguous tensor. */
export function makeStridedTensor(view: StridedView, storage: EngineArray, budget: TensorBudget, describe: string): Tensor {
  const { shape, stride, offset } = view;
  const count = shape.reduce((product, size) => product * size, 1);
  const last = offset + shape.reduce((sum, size, d) => sum + (size - 1) * stride[d], 0);
  if (count > 0 && last >= storage.length) {
    throw new InvalidInputError(
      budget.source,
      'tensors inside their storages',
      `a tensor of size [${shape}] reaching element ${last} of a storage of ${storage.length} (${describe})`,
    );
  }
  budget.spend(count, storage.length, shape);
  const values = isContiguous(shape, stride)
    ? storage.slice(offset, offset + count)
    : gather(storage, shape, stride, offset, count);
  return tensor(values, [...shape]);
}

function isContiguous(shape: readonly number[], stride: readonly number[]): boolean {
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d] !== 1 && stride[d] !== expected) return false;
    expected *= shape[d];
  }
  return true;
}

/** A strided view's elements in row-major order, walking the indices like an odometer. */
function gather(
  storage: EngineArray,
  shape: readonly number[],
  stride: readonly number[],
  offset: number,
  count: number,
): EngineArray {
  const ArrayType = storage.constructor as new (length: number) => EngineArray;
  const values = new ArrayType(count);
  // Both arrays have the same element type, so copying through an untyped index is exact.
  const from = storage as { [index: number]: unknown };
  const to = values as { [index: number]: unknown };
  const dims = shape.length;
  const index = new Array<number>(dims).fill(0);
  let position = offset;
  for (let i = 0; i < count; i++) {
    to[i] = from[position];
    for (let d = dims - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) {
        position += stride[d];
        break;
      }
      position -= (shape[d] - 1) * stride[d];
      index[d] = 0;
    }
  }
  return values;
}
