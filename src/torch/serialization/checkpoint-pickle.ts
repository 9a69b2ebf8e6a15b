/**
 * The object pickle of a torch.save checkpoint, shared by the zip and the legacy format: the
 * globals it may name, its persistent storage ids, and turning what it describes into checkpoint
 * values. The pickle's shared references stay bounded: a value that contains itself, nesting
 * deeper than any checkpoint, or references expanding into more values than any checkpoint holds
 * (a "billion laughs" pickle) are refused instead of overflowing the stack or filling the heap.
 */
import { InvalidInputError } from '../../core/errors.js';
import type { Tensor } from '../tensor.js';
import { bytesPerElement, type EngineArray, type StoredElementType } from './element-types.js';
import type { StateDict } from './state-dict.js';
import { makeStridedTensor, TensorBudget, type StridedView } from './strided-tensor.js';
import { PickleCallable, PickleDict, unpickleFrom } from './unpickler.js';

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

/** Deeper than any checkpoint nests; deeper would overflow the stack of the conversion. */
const MAX_DEPTH = 1000;
/**
 * Values a checkpoint may repeat through shared references (the pickle memo): real ones share a
 * tensor or a tuple now and then, a "billion laughs" pickle shares its way to 2^60 values.
 */
const MAX_SHARED_VALUES = 100_000;

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

/** A storage class the pickle names (`torch.FloatStorage`), standing for its element type. */
export class StorageType {
  constructor(readonly elementType: StoredElementType) {}
}

/**
 * A storage the pickle refers to by key. The legacy format may refer to a slice of it (`view`:
 * offset and element count), as PyTorch before 1.0 saved storage slices.
 */
export class StorageReference {
  constructor(
    readonly elementType: StoredElementType,
    readonly key: string,
    readonly view?: { offset: number; size: number },
  ) {}
}

/** A tensor as the pickle describes it, made into an engine tensor once the whole pickle is read. */
export class TensorRecord implements StridedView {
  constructor(
    readonly storage: StorageReference,
    readonly offset: number,
    readonly shape: number[],
    readonly stride: number[],
  ) {}
}

/**
 * The object pickle starting at byte `start`, its tensors still records; `end` is the byte after
 * STOP, `storages` the element type of every storage key it refers to.
 */
export function unpickleCheckpoint(
  bytes: Uint8Array,
  start: number,
  source: string,
): { value: unknown; end: number; storages: Map<string, StoredElementType> } {
  const storages = new Map<string, StoredElementType>();
  const { value, end } = unpickleFrom(bytes, start, {
    source,
    globals: checkpointGlobals(source),
    persistentLoad: (id) => {
      const reference = storageReference(id, source);
      storages.set(reference.key, reference.elementType);
      return reference;
    },
  });
  return { value, end, storages };
}

/**
 * The checkpoint a pickle describes, its tensors made from the storages `storageOf` decodes (each
 * storage whole, by key), within one TensorBudget.
 */
export function checkpointFromPickle(
  root: unknown,
  storageOf: (reference: StorageReference) => EngineArray,
  source: string,
): Checkpoint {
  const budget = new TensorBudget(source);
  const makeTensor = (record: TensorRecord): Tensor => {
    const whole = storageOf(record.storage);
    budget.addStorage(whole, whole.length);
    const { view } = record.storage;
    if (view && view.offset + view.size > whole.length) {
      throw new InvalidInputError(source, 'storage slices inside their storages', `a slice of ${view.size} elements at ${view.offset} of ${whole.length}`);
    }
    const storage = view ? whole.subarray(view.offset, view.offset + view.size) : whole;
    return makeStridedTensor(record, storage, budget, `${bytesPerElement[record.storage.elementType]}-byte elements`);
  };
  return toCheckpointValue(root, makeTensor, source);
}

/** Everything a checkpoint may name. Anything else is refused by the unpickler. */
export function checkpointGlobals(source: string): Map<string, unknown> {
  const malformed = (what: string): InvalidInputError =>
    new InvalidInputError(source, 'a well-formed checkpoint pickle', what);
  const rebuildTensor = (args: unknown[]): TensorRecord => {
    const [storage, offset, shape, stride] = args;
    const wellFormed = storage instanceof StorageReference && isCount(offset);
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
    // PyTorch before 1.0 (legacy format): the same arguments without requires_grad and hooks.
    ['torch._utils._rebuild_tensor', new PickleCallable('torch._utils._rebuild_tensor', rebuildTensor)],
    ['torch._utils._rebuild_parameter', new PickleCallable('torch._utils._rebuild_parameter', parameterData)],
    ['torch.Size', new PickleCallable('torch.Size', (args) => (Array.isArray(args[0]) ? [...args[0]] : []))],
    // Free-Form Video Inpainting's trainer pickles its training history (`utils.logger.Logger`)
    // into every checkpoint: an inert empty dict here, its state dropped by BUILD, nothing run.
    ['utils.logger.Logger', new PickleCallable('utils.logger.Logger', () => new PickleDict(false))],
  ]);
  for (const [name, elementType] of STORAGE_TYPES) globals.set(name, new StorageType(elementType));
  return globals;
}

/**
 * torch's persistent id of a storage: ('storage', storage type, key, location, element count), and
 * in the legacy format a sixth item, None or the (key, offset, size) of the view it is.
 */
function storageReference(id: unknown, source: string): StorageReference {
  if (Array.isArray(id) && id[0] === 'storage' && id[1] instanceof StorageType && typeof id[2] === 'string') {
    const view = id[5];
    if (view === undefined || view === null) return new StorageReference(id[1].elementType, id[2]);
    if (Array.isArray(view) && typeof view[0] === 'string' && isCount(view[1]) && isCount(view[2])) {
      return new StorageReference(id[1].elementType, id[2], { offset: view[1], size: view[2] });
    }
  }
  throw new InvalidInputError(source, 'a well-formed checkpoint pickle', 'a persistent id that is not a tensor storage');
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

function isIntegers(value: unknown): value is number[] {
  return Array.isArray(value) && value.every(isCount);
}

/**
 * The pickle's objects as checkpoint values. A dict whose keys are strings and whose values are all
 * tensors (or an empty OrderedDict, a module without parameters) is a state dict. A list or dict
 * met a second time is copied, within MAX_SHARED_VALUES; one inside itself is refused.
 */
function toCheckpointValue(
  root: unknown,
  makeTensor: (record: TensorRecord) => Tensor,
  source: string,
): CheckpointValue {
  const refuse = (what: string): InvalidInputError =>
    new InvalidInputError(source, 'a checkpoint of plain data (a hostile pickle would fill memory)', what);
  const inside = new Set<unknown>();
  const converted = new Set<unknown>();
  let sharedValues = 0;

  const convert = (value: unknown, depth: number, copying: boolean): CheckpointValue => {
    if (copying && ++sharedValues > MAX_SHARED_VALUES) {
      throw refuse(`shared references repeating more than ${MAX_SHARED_VALUES.toLocaleString('en')} values`);
    }
    if (value instanceof TensorRecord) return makeTensor(value);
    if (!Array.isArray(value) && !(value instanceof PickleDict)) return plainValue(value, source);
    if (inside.has(value)) throw refuse('a list or dict that contains itself');
    if (depth > MAX_DEPTH) throw refuse(`values nested more than ${MAX_DEPTH} deep`);
    const copyingItems = copying || converted.has(value);
    converted.add(value);
    inside.add(value);
    try {
      const item = (child: unknown): CheckpointValue => convert(child, depth + 1, copyingItems);
      if (Array.isArray(value)) return value.map(item);
      const entries = [...value.entries];
      const keysAreStrings = entries.every(([key]) => typeof key === 'string');
      const isStateDict = keysAreStrings && (entries.length > 0
        ? entries.every(([, child]) => child instanceof TensorRecord)
        : value.ordered);
      if (isStateDict) return new Map(entries.map(([key, child]) => [key as string, item(child) as Tensor]));
      const object: CheckpointObject = {};
      for (const [key, child] of entries) object[String(key)] = item(child);
      return object;
    } finally {
      inside.delete(value);
    }
  };
  return convert(root, 0, false);
}

function plainValue(value: unknown, source: string): CheckpointValue {
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
  throw new InvalidInputError(source, 'data only', `an object of type ${describeType(value)}`);
}

function describeType(value: unknown): string {
  if (value instanceof StorageType || value instanceof StorageReference) return 'storage';
  if (value instanceof PickleCallable) return value.name;
  return typeof value;
}
