/**
 * The tar format of torch.save before PyTorch 0.4 (torch.serialization's `legacy_load` still
 * reads it): a tar archive of
 *
 *   storages: a pickle of their count; per storage a pickle (key, location, storage class), its
 *             element count (int64) and raw elements; then a pickle of the storage views
 *             [(key, root key, offset, element count)]
 *   tensors:  a pickle of their count; per tensor a pickle (key, storage key, tensor class), then
 *             ndim (int32, 4 bytes of padding), sizes and strides (int64 each), storage offset (int64)
 *   pickle:   the object, whose persistent ids are the tensors' keys
 *
 * All three go through the restricted unpickler: nothing executes.
 */
import { InvalidInputError } from '../../core/errors.js';
import {
  checkpointFromPickle,
  checkpointGlobals,
  StorageReference,
  StorageType,
  TensorRecord,
  type Checkpoint,
} from './checkpoint-pickle.js';
import { bytesPerElement, decodeElements, type EngineArray, type StoredElementType } from './element-types.js';
import { unpickleFrom } from './unpickler.js';

/** The tensor classes the tensors file names beside each tensor; only a marker is needed. */
const TENSOR_CLASSES = ['Float', 'Double', 'Half', 'Long', 'Int', 'Short', 'Char', 'Byte'].map((name) => `torch.${name}Tensor`);

export function isTar(bytes: Uint8Array): boolean {
  return bytes.length > 262 && new TextDecoder().decode(bytes.subarray(257, 262)) === 'ustar';
}

export function readTarPth(bytes: Uint8Array, source: string): Checkpoint {
  const malformed = (what: string): InvalidInputError => new InvalidInputError(source, 'a torch.save tar checkpoint (PyTorch before 0.4)', what);
  const files = readTar(bytes, malformed);
  const member = (name: string): Uint8Array => {
    const file = files.get(name);
    if (!file) throw malformed(`an archive without ${name}`);
    return file;
  };
  const globals = checkpointGlobals(source);
  for (const name of TENSOR_CLASSES) globals.set(name, name);
  const pickleAt = (data: Uint8Array, start: number): { value: unknown; end: number } =>
    unpickleFrom(data, start, { source, globals, persistentLoad: () => { throw malformed('a storage inside its tables'); } });

  // storages: raw bytes by key, and views of them
  const storagesFile = member('storages');
  const storageView = new DataView(storagesFile.buffer, storagesFile.byteOffset, storagesFile.byteLength);
  const raw = new Map<string, { elementType: StoredElementType; bytes: Uint8Array }>();
  let next = pickleAt(storagesFile, 0);
  const storageCount = countOf(next.value, malformed);
  for (let i = 0; i < storageCount; i++) {
    next = pickleAt(storagesFile, next.end);
    const [key, , type] = next.value as unknown[];
    if (!(type instanceof StorageType) || key === undefined) throw malformed('a storage without key and class');
    const start = next.end;
    if (start + 8 > storagesFile.length) throw malformed('a storages file that ends early (truncated?)');
    const byteCount = Number(storageView.getBigInt64(start, true)) * bytesPerElement[type.elementType];
    if (byteCount < 0 || start + 8 + byteCount > storagesFile.length) throw malformed('a storage past the end of its file (truncated?)');
    raw.set(String(key), { elementType: type.elementType, bytes: storagesFile.subarray(start + 8, start + 8 + byteCount) });
    next = { value: undefined, end: start + 8 + byteCount };
  }
  const views = new Map<string, { root: string; offset: number; size: number }>();
  const viewList = pickleAt(storagesFile, next.end).value;
  for (const view of Array.isArray(viewList) ? viewList : []) {
    const [target, root, offset, size] = view as unknown[];
    if (typeof offset !== 'number' || typeof size !== 'number') throw malformed('a storage view without offset and size');
    views.set(String(target), { root: String(root), offset, size });
  }
  const referenceTo = (key: string): StorageReference => {
    const view = views.get(key);
    const root = view ? view.root : key;
    const stored = raw.get(root);
    if (!stored) throw malformed(`a tensor of storage ${key}, which the archive does not hold`);
    return new StorageReference(stored.elementType, root, view && { offset: view.offset, size: view.size });
  };

  // tensors: records by key
  const tensorsFile = member('tensors');
  const tensorView = new DataView(tensorsFile.buffer, tensorsFile.byteOffset, tensorsFile.byteLength);
  const tensors = new Map<string, TensorRecord>();
  next = pickleAt(tensorsFile, 0);
  const tensorCount = countOf(next.value, malformed);
  for (let i = 0; i < tensorCount; i++) {
    next = pickleAt(tensorsFile, next.end);
    const [key, storageKey] = next.value as unknown[];
    let at = next.end;
    const int64 = (): number => {
      if (at + 8 > tensorsFile.length) throw malformed('a tensors file that ends early (truncated?)');
      const value = Number(tensorView.getBigInt64(at, true));
      at += 8;
      if (value < 0) throw malformed(`a negative size, stride or offset in tensor ${String(key)}`);
      return value;
    };
    if (at + 8 > tensorsFile.length) throw malformed('a tensors file that ends early (truncated?)');
    const dims = tensorView.getInt32(at, true);
    at += 8;
    if (dims < 0 || dims > 64) throw malformed(`a tensor of ${dims} dimensions`);
    const shape = Array.from({ length: dims }, int64);
    const stride = Array.from({ length: dims }, int64);
    const offset = int64();
    tensors.set(String(key), new TensorRecord(referenceTo(String(storageKey)), offset, shape, stride));
    next = { value: undefined, end: at };
  }

  const object = unpickleFrom(member('pickle'), 0, {
    source,
    globals,
    persistentLoad: (id) => {
      const record = typeof id === 'string' || typeof id === 'number' ? tensors.get(String(id)) : undefined;
      if (!record) throw malformed('a persistent id that is not one of its tensors (a pickled module?)');
      return record;
    },
  });
  const decoded = new Map<string, EngineArray>();
  const storageOf = (reference: StorageReference): EngineArray => {
    let values = decoded.get(reference.key);
    if (!values) {
      const stored = raw.get(reference.key)!;
      values = decodeElements(stored.bytes, stored.elementType);
      decoded.set(reference.key, values);
    }
    return values;
  };
  return checkpointFromPickle(object.value, storageOf, source);
}

function countOf(value: unknown, malformed: (what: string) => InvalidInputError): number {
  if (!Number.isInteger(value) || (value as number) < 0) throw malformed('a count that is not a whole number');
  return value as number;
}

/** A tar archive's regular files by name (ustar headers; PAX extended headers are passed over). */
function readTar(bytes: Uint8Array, malformed: (what: string) => InvalidInputError): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const text = new TextDecoder();
  for (let at = 0; at + 512 <= bytes.length;) {
    const header = bytes.subarray(at, at + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start: number, length: number): string => text.decode(header.subarray(start, start + length)).replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    if (!Number.isFinite(size) || at + 512 + size > bytes.length) throw malformed(`a tar entry past the end of the file (truncated?)`);
    const type = field(156, 1) || '0';
    if (type === '0') files.set(field(0, 100), bytes.subarray(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}
