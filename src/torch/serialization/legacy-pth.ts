/**
 * The legacy torch.save format (PyTorch 0.4 to 1.5, and later ones with
 * `_use_new_zipfile_serialization=False`): five things one after another in one file,
 *
 *   pickle: the magic number 0x1950a86a20f9469cfc6c
 *   pickle: the protocol version, 1001
 *   pickle: system info {protocol_version, little_endian, type_sizes}
 *   pickle: the object, its storages as persistent ids ('storage', type, key, location, size, view)
 *   pickle: the storage keys, in the order their data follows
 *   per storage: its element count (int64, little-endian), then its raw elements.
 *
 * The pickles go through the same restricted unpickler as the zip format's: nothing executes.
 */
import { InvalidInputError } from '../../core/errors.js';
import { checkpointFromPickle, unpickleCheckpoint, type Checkpoint, type StorageReference } from './checkpoint-pickle.js';
import { bytesPerElement, decodeElements, type EngineArray } from './element-types.js';
import { PickleDict, unpickleFrom } from './unpickler.js';

const MAGIC_NUMBER = 0x1950a86a20f9469cfc6cn;
const PROTOCOL_VERSION = 1001;

/** A pickle of protocol 2 whose first value is a long: how the legacy format begins. */
export function isLegacyPth(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x80 && bytes[1] === 0x02 && bytes[2] === 0x8a;
}

export function readLegacyPth(bytes: Uint8Array, source: string): Checkpoint {
  const malformed = (what: string): InvalidInputError =>
    new InvalidInputError(source, 'a legacy torch.save checkpoint', what);
  // The header pickles hold plain numbers and dicts: no global, no persistent id.
  const plainPickle = (start: number): { value: unknown; end: number } =>
    unpickleFrom(bytes, start, {
      source,
      globals: new Map(),
      persistentLoad: () => {
        throw malformed('a storage in its header');
      },
    });

  const magic = plainPickle(0);
  if (magic.value !== MAGIC_NUMBER) throw malformed('a pickle that does not begin with torch\'s magic number');
  const protocol = plainPickle(magic.end);
  if (protocol.value !== PROTOCOL_VERSION) throw malformed(`protocol version ${String(protocol.value)}, not ${PROTOCOL_VERSION}`);
  const systemInfo = plainPickle(protocol.end);
  if (!(systemInfo.value instanceof PickleDict) || systemInfo.value.entries.get('little_endian') !== true) {
    throw new InvalidInputError(source, 'little-endian storages', 'a checkpoint written on a big-endian machine (or without system info)');
  }

  const object = unpickleCheckpoint(bytes, systemInfo.end, source);
  const keys = plainPickle(object.end);
  if (!Array.isArray(keys.value) || !keys.value.every((key) => typeof key === 'string')) {
    throw malformed('storage keys that are not a list of strings');
  }

  // The raw storages follow in the keys' order; each is read as a view, decoded when a tensor needs it.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const raw = new Map<string, Uint8Array>();
  let at = keys.end;
  for (const key of keys.value as string[]) {
    const elementType = object.storages.get(key);
    if (elementType === undefined) throw malformed(`storage ${key}, which no tensor uses`);
    if (at + 8 > bytes.length) throw malformed(`a file that ends at byte ${bytes.length} before storage ${key} (truncated?)`);
    const count = view.getBigInt64(at, true);
    const byteCount = count * BigInt(bytesPerElement[elementType]);
    if (count < 0n || BigInt(at + 8) + byteCount > BigInt(bytes.length)) {
      throw malformed(`storage ${key} of ${count} elements, past the end of the file at byte ${bytes.length} (truncated?)`);
    }
    raw.set(key, bytes.subarray(at + 8, at + 8 + Number(byteCount)));
    at += 8 + Number(byteCount);
  }

  const decoded = new Map<string, EngineArray>();
  const storageOf = (reference: StorageReference): EngineArray => {
    let values = decoded.get(reference.key);
    if (!values) {
      const data = raw.get(reference.key);
      if (!data) throw malformed(`no data for storage ${reference.key}`);
      values = decodeElements(data, reference.elementType);
      decoded.set(reference.key, values);
    }
    return values;
  };
  return checkpointFromPickle(object.value, storageOf, source);
}
