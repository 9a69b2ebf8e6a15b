/**
 * Reading Torch7 `.t7` files (binary mode, as `torch.save` of Lua Torch writes them; torch7's
 * File.lua is the reference). Every object is an int32 type tag, then:
 *
 *   nil 0 | number 1: float64 | string 2: int32 length, bytes | boolean 5: int32 0 or 1
 *   table 3: int32 object index, int32 size, then size (key, value) objects
 *   torch object 4: int32 object index, version string 'V n', class name string, then the
 *     class's own data: tensors (ndim, sizes, strides, 1-based offset, storage object), storages
 *     (element count, raw elements), other classes (nn modules) the table of their fields
 *   function 6/7/8: bytecode and upvalues (never run: read past and kept as nil)
 *
 * An object index seen before is a reference to that object. Integers of the C type long
 * (sizes, strides, offsets, counts) are 8 bytes, as Torch writes them on 64-bit Linux.
 *
 * The result is a checkpoint like a pickle's: tables become dicts, tensors tensors, and nn modules
 * state dicts named as PyTorch names an nn.Sequential's (`0.weight`, `1.running_mean`, `6.0.bias`
 * for a nested container), holding each module's weight, bias and batch-norm running statistics.
 * The same bounds as a pickle's hold: depth, cycles, repeated references, tensors within storages.
 */
import { InvalidInputError } from '../../core/errors.js';
import { checkpointFromPickle, StorageReference, TensorRecord, type Checkpoint } from './checkpoint-pickle.js';
import { bytesPerElement, decodeElements, type EngineArray, type StoredElementType } from './element-types.js';
import { PickleDict } from './unpickler.js';

const enum T7Type {
  NIL = 0,
  NUMBER = 1,
  STRING = 2,
  TABLE = 3,
  TORCH = 4,
  BOOLEAN = 5,
  FUNCTION = 6,
  LEGACY_RECUR_FUNCTION = 7,
  RECUR_FUNCTION = 8,
}

/** The element type of each Torch tensor and storage class (Cuda ones are written as their CPU type). */
const TORCH_TYPES: ReadonlyMap<string, StoredElementType> = new Map([
  ['Float', 'float32'],
  ['Cuda', 'float32'],
  ['Double', 'float64'],
  ['CudaDouble', 'float64'],
  ['Half', 'float16'],
  ['CudaHalf', 'float16'],
  ['Long', 'int64'],
  ['CudaLong', 'int64'],
  ['Int', 'int32'],
  ['CudaInt', 'int32'],
  ['Short', 'int16'],
  ['Char', 'int8'],
  ['Byte', 'uint8'],
  ['CudaByte', 'uint8'],
]);

/** The tensors of an nn module that make its state (gradients and outputs are not state). */
const MODULE_STATE = ['weight', 'bias', 'running_mean', 'running_var', 'running_std'];

/** Deeper than any model nests; deeper would overflow the reader's stack. */
const MAX_DEPTH = 1000;

/** A storage as read: its element type and raw bytes, decoded when a tensor needs it. */
interface RawStorage {
  readonly elementType: StoredElementType;
  readonly bytes: Uint8Array;
}

/** The first bytes of a .t7 file: a table or torch object (type 3 or 4) with object index 1. */
export function isT7(head: Uint8Array): boolean {
  return head.length >= 8 && (head[0] === 3 || head[0] === 4) && head[1] === 0 && head[2] === 0 && head[3] === 0
    && head[4] === 1 && head[5] === 0 && head[6] === 0 && head[7] === 0;
}

/** A .t7 file's object as a checkpoint; `source` names it in errors. */
export function readT7(bytes: Uint8Array, source: string): Checkpoint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const malformed = (what: string): InvalidInputError => new InvalidInputError(source, 'a Torch7 .t7 file (binary)', what);
  const objects = new Map<number, unknown>();
  const storages = new Map<StorageReference, RawStorage>();
  const modules = new Set<PickleDict>();
  let at = 0;

  const need = (count: number): number => {
    if (count < 0 || at + count > bytes.length) throw malformed(`a file that ends at byte ${bytes.length} (truncated?)`);
    const start = at;
    at += count;
    return start;
  };
  const int = (): number => view.getInt32(need(4), true);
  const long = (): number => {
    const value = view.getBigInt64(need(8), true);
    if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw malformed(`a size or offset of ${value} at byte ${at - 8}`);
    return Number(value);
  };
  const string = (): string => {
    const length = int();
    return new TextDecoder().decode(bytes.subarray(need(length), at));
  };

  const readObject = (depth: number): unknown => {
    if (depth > MAX_DEPTH) throw malformed(`objects nested more than ${MAX_DEPTH} deep`);
    const type = int();
    switch (type) {
      case T7Type.NIL:
        return null;
      case T7Type.NUMBER:
        return view.getFloat64(need(8), true);
      case T7Type.STRING:
        return string();
      case T7Type.BOOLEAN:
        return int() === 1;
      case T7Type.FUNCTION:
        need(int());
        readObject(depth + 1); // its upvalues
        return null;
      case T7Type.TABLE:
      case T7Type.TORCH:
      case T7Type.RECUR_FUNCTION:
      case T7Type.LEGACY_RECUR_FUNCTION: {
        const index = int();
        if (objects.has(index)) return objects.get(index);
        if (type === T7Type.TABLE) return readTable(index, depth);
        if (type === T7Type.TORCH) return readTorchObject(index, depth);
        objects.set(index, null);
        need(int());
        readObject(depth + 1);
        return null;
      }
      default:
        throw malformed(`an object of unknown type ${type} at byte ${at - 4}`);
    }
  };

  const readTable = (index: number, depth: number): PickleDict => {
    const table = new PickleDict(false);
    objects.set(index, table);
    const size = int();
    if (size < 0 || size > (bytes.length - at) / 8) throw malformed(`a table of ${size} entries at byte ${at - 4}`);
    for (let i = 0; i < size; i++) {
      const key = readObject(depth + 1);
      table.entries.set(key, readObject(depth + 1));
    }
    return table;
  };

  const readTorchObject = (index: number, depth: number): unknown => {
    const version = string();
    const className = /^V \d+$/.test(version) ? string() : version;
    const typed = /^torch\.(\w+?)(Tensor|Storage)$/.exec(className);
    if (typed) {
      const elementType = TORCH_TYPES.get(typed[1]);
      if (elementType === undefined) throw malformed(`a ${className}, whose elements the reader does not know`);
      return typed[2] === 'Tensor' ? readTensor(index, elementType, depth) : readStorage(index, elementType);
    }
    // Any other class is a table of fields; an nn module's fields give its state dict.
    const isModule = /^(nn|cudnn|cunn)\./.test(className);
    const object = new PickleDict(isModule);
    objects.set(index, object);
    const fields = readObject(depth + 1);
    if (!(fields instanceof PickleDict)) throw malformed(`a ${className} without its table of fields`);
    if (isModule) {
      modules.add(object);
      for (const [key, value] of moduleState(fields)) object.entries.set(key, value);
    } else {
      for (const [key, value] of fields.entries) object.entries.set(key, value);
    }
    return object;
  };

  const readTensor = (index: number, elementType: StoredElementType, depth: number): TensorRecord => {
    const dims = int();
    if (dims < 0 || dims > (bytes.length - at) / 16) throw malformed(`a tensor of ${dims} dimensions at byte ${at - 4}`);
    const shape = Array.from({ length: dims }, long);
    const stride = Array.from({ length: dims }, long);
    const offset = long() - 1; // Lua counts from 1
    const storage = readObject(depth + 1);
    const empty = dims === 0 || shape.includes(0);
    if (!(storage instanceof StorageReference) && !empty) throw malformed(`a tensor of size [${shape}] without storage`);
    const record = storage instanceof StorageReference && !empty
      ? new TensorRecord(storage, Math.max(offset, 0), shape, stride)
      : emptyTensor(elementType);
    objects.set(index, record);
    return record;
  };

  const readStorage = (index: number, elementType: StoredElementType): StorageReference => {
    const count = long();
    const size = count * bytesPerElement[elementType];
    const reference = new StorageReference(elementType, String(index));
    storages.set(reference, { elementType, bytes: bytes.subarray(need(size), at) });
    objects.set(index, reference);
    return reference;
  };

  /** A module's state entries, and its children's under their 0-based position, as PyTorch names them. */
  const moduleState = (fields: PickleDict): [string, unknown][] => {
    const state: [string, unknown][] = [];
    for (const name of MODULE_STATE) {
      const value = fields.entries.get(name);
      if (value instanceof TensorRecord && value.shape.length > 0) state.push([name, value]);
    }
    const children = fields.entries.get('modules');
    if (children instanceof PickleDict) {
      for (let position = 1; children.entries.has(position); position++) {
        const child = children.entries.get(position);
        if (!(child instanceof PickleDict) || !modules.has(child)) continue;
        for (const [key, value] of child.entries) state.push([`${position - 1}.${key}`, value]);
      }
    }
    return state;
  };

  const root = readObject(0);
  const decoded = new Map<StorageReference, EngineArray>();
  const storageOf = (reference: StorageReference): EngineArray => {
    let values = decoded.get(reference);
    if (!values) {
      const raw = storages.get(reference);
      values = raw ? decodeElements(raw.bytes, raw.elementType) : decodeElements(new Uint8Array(0), reference.elementType);
      decoded.set(reference, values);
    }
    return values;
  };
  return checkpointFromPickle(root, storageOf, source);
}

/** Torch7's empty tensor (no dimension, or one of size 0): zero elements, as PyTorch's torch.empty(0). */
function emptyTensor(elementType: StoredElementType): TensorRecord {
  return new TensorRecord(new StorageReference(elementType, ''), 0, [0], [1]);
}
