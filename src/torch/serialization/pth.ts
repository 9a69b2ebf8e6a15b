/**
 * Reading PyTorch checkpoints: the zip archive torch.save writes since PyTorch 1.6
 * (`<folder>/data.pkl`, a pickle, and `<folder>/data/<key>`, the raw tensor storages). The pickle
 * goes through the restricted unpickler, which knows only the globals a checkpoint needs, so
 * loading a checkpoint never runs code. Tensors come back in the engine's dtypes (floating ->
 * float32, integer -> int64, bool), contiguous, with their values gathered from the storage.
 */
import { readFile } from 'node:fs/promises';
import { InvalidInputError } from '../../core/errors.js';
import { tensor } from '../creation.js';
import type { Tensor } from '../tensor.js';
import { bytesPerElement, decodeElements, type EngineArray, type StoredElementType } from './element-types.js';
import type { StateDict } from './state-dict.js';
import { PickleCallable, PickleDict, unpickle } from './unpickler.js';
import { readZipArchive } from './zip-archive.js';

/** What a checkpoint holds: dicts of tensors become StateDicts, other dicts plain objects, tuples arrays. */
export type CheckpointValue =
  | Tensor
  | StateDict
  | CheckpointObject
  | CheckpointValue[]
  | Uint8Array
  | string
  | number
  | bigint
  | boolean
  | null;
export interface CheckpointObject {
  [key: string]: CheckpointValue;
}
export type Checkpoint = CheckpointValue;

const LEGACY_FORMAT =
  'a legacy (pre-1.6) checkpoint: re-save it with torch.save(..., _use_new_zipfile_serialization=True)';

/** torch's storage classes and the element type each holds. */
const STORAGE_TYPES: ReadonlyMap<string, StoredElementType> = new Map([
  ['torch.FloatStorage', 'float32'],
  ['torch.HalfStorage', 'float16'],
  ['torch.BFloat16Storage', 'bfloat16'],
  ['torch.DoubleStorage', 'float64'],
  ['torch.LongStorage', 'int64'],
  ['torch.IntStorage', 'int32'],
  ['torch.ShortStorage', 'int16'],
  ['torch.CharStorage', 'int8'],
  ['torch.ByteStorage', 'uint8'],
  ['torch.BoolStorage', 'bool'],
]);

class StorageType {
  constructor(readonly elementType: StoredElementType) {}
}

class StorageReference {
  constructor(
    readonly elementType: StoredElementType,
    readonly key: string,
  ) {}
}

/** A tensor as the pickle describes it, made into an engine tensor once the whole pickle is read. */
class TensorRecord {
  constructor(
    readonly storage: StorageReference,
    readonly offset: number,
    readonly shape: number[],
    readonly stride: number[],
  ) {}
}

/** Reads a checkpoint written by torch.save, from its bytes or a path. */
export async function readPth(input: Uint8Array | string): Promise<Checkpoint> {
  const source = typeof input === 'string' ? input : 'checkpoint';
  const bytes = typeof input === 'string' ? new Uint8Array(await readFile(input)) : input;
  const expected = 'a checkpoint in the zip format torch.save writes';
  if (isLegacyFormat(bytes)) throw new InvalidInputError(source, expected, LEGACY_FORMAT);

  const entries = readZipArchive(bytes, source);
  const pickleName = [...entries.keys()].find((name) => /^[^/]+\/data\.pkl$/.test(name));
  if (pickleName === undefined) throw new InvalidInputError(source, expected, 'a zip archive without <folder>/data.pkl');
  const folder = pickleName.slice(0, -'data.pkl'.length);
  const byteOrder = entries.get(`${folder}byteorder`);
  if (byteOrder && new TextDecoder().decode(byteOrder).trim() !== 'little') {
    throw new InvalidInputError(source, 'little-endian storages', 'a checkpoint written on a big-endian machine');
  }

  const root = unpickle(entries.get(pickleName)!, {
    source,
    globals: checkpointGlobals(source),
    persistentLoad: (id) => storageReference(id, source),
  });

  const storages = new Map<string, EngineArray>();
  const storageOf = (reference: StorageReference): EngineArray => {
    let values = storages.get(reference.key);
    if (!values) {
      const raw = entries.get(`${folder}data/${reference.key}`);
      if (!raw) throw new InvalidInputError(source, expected, `an archive without the storage data/${reference.key}`);
      values = decodeElements(raw, reference.elementType);
      storages.set(reference.key, values);
    }
    return values;
  };
  return toCheckpointValue(root, (record) => makeTensor(record, storageOf(record.storage), source));
}

/** The old formats: a bare pickle (magic number first) or, older still, a tar archive. */
function isLegacyFormat(bytes: Uint8Array): boolean {
  const isPickle = bytes.length >= 2 && bytes[0] === 0x80 && bytes[1] === 0x02;
  const isTar = bytes.length > 262 && new TextDecoder().decode(bytes.subarray(257, 262)) === 'ustar';
  return isPickle || isTar;
}

/** Everything a checkpoint may name. Anything else is refused by the unpickler. */
function checkpointGlobals(source: string): Map<string, unknown> {
  const malformed = (what: string): InvalidInputError =>
    new InvalidInputError(source, 'a well-formed checkpoint pickle', what);
  const rebuildTensor = (args: unknown[]): TensorRecord => {
    const [storage, offset, shape, stride] = args;
    const wellFormed = storage instanceof StorageReference && typeof offset === 'number';
    if (!wellFormed || !isIntegers(shape) || !isIntegers(stride)) {
      throw malformed('a tensor without storage, offset, size and stride');
    }
    if (shape.length !== stride.length) throw malformed(`a tensor of size [${shape}] with stride [${stride}]`);
    return new TensorRecord(storage, offset, shape, stride);
  };
  const parameterData = (args: unknown[]): unknown => {
    if (!(args[0] instanceof TensorRecord)) throw malformed('a parameter without its tensor');
    return args[0];
  };
  const globals = new Map<string, unknown>([
    ['collections.OrderedDict', new PickleCallable('collections.OrderedDict', () => new PickleDict(true))],
    ['torch._utils._rebuild_tensor_v2', new PickleCallable('torch._utils._rebuild_tensor_v2', rebuildTensor)],
    ['torch._utils._rebuild_parameter', new PickleCallable('torch._utils._rebuild_parameter', parameterData)],
    ['torch.Size', new PickleCallable('torch.Size', (args) => (Array.isArray(args[0]) ? [...args[0]] : []))],
  ]);
  for (const [name, elementType] of STORAGE_TYPES) globals.set(name, new StorageType(elementType));
  return globals;
}

/** torch's persistent id of a storage: ('storage', storage type, key, location, element count). */
function storageReference(id: unknown, source: string): StorageReference {
  if (Array.isArray(id) && id[0] === 'storage' && id[1] instanceof StorageType && typeof id[2] === 'string') {
    return new StorageReference(id[1].elementType, id[2]);
  }
  throw new InvalidInputError(source, 'a well-formed checkpoint pickle', 'a persistent id that is not a tensor storage');
}

function isIntegers(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => Number.isInteger(item) && item >= 0);
}

/** Gathers a tensor's elements (any offset and strides) from its decoded storage into a new tensor. */
function makeTensor(record: TensorRecord, storage: EngineArray, source: string): Tensor {
  const { shape, stride, offset } = record;
  const count = shape.reduce((product, size) => product * size, 1);
  const last = offset + shape.reduce((sum, size, d) => sum + (size - 1) * stride[d], 0);
  if (count > 0 && last >= storage.length) {
    throw new InvalidInputError(
      source,
      'tensors inside their storages',
      `a tensor of size [${shape}] reaching element ${last} of a storage of ${storage.length} ` +
        `(${bytesPerElement[record.storage.elementType]}-byte elements)`,
    );
  }
  const values = isContiguous(shape, stride)
    ? storage.slice(offset, offset + count)
    : gather(storage, shape, stride, offset, count);
  return tensor(values, shape);
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

/**
 * The pickle's objects as checkpoint values. A dict whose keys are strings and whose values are all
 * tensors (or an empty OrderedDict, a module without parameters) is a state dict.
 */
function toCheckpointValue(value: unknown, makeTensorOf: (record: TensorRecord) => Tensor): CheckpointValue {
  if (value instanceof TensorRecord) return makeTensorOf(value);
  if (Array.isArray(value)) return value.map((item) => toCheckpointValue(item, makeTensorOf));
  if (value instanceof PickleDict) {
    const entries = [...value.entries];
    const keysAreStrings = entries.every(([key]) => typeof key === 'string');
    const isStateDict = keysAreStrings && (entries.length > 0
      ? entries.every(([, item]) => item instanceof TensorRecord)
      : value.ordered);
    if (isStateDict) return new Map(entries.map(([key, item]) => [key as string, makeTensorOf(item as TensorRecord)]));
    const object: CheckpointObject = {};
    for (const [key, item] of entries) object[String(key)] = toCheckpointValue(item, makeTensorOf);
    return object;
  }
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'boolean' ||
    value instanceof Uint8Array
  ) {
    return value;
  }
  throw new InvalidInputError('checkpoint', 'data only', `an object of type ${describeType(value)}`);
}

function describeType(value: unknown): string {
  if (value instanceof StorageType || value instanceof StorageReference) return 'storage';
  if (value instanceof PickleCallable) return value.name;
  return typeof value;
}
