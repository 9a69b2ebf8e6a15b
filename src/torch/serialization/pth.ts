/**
 * Reading PyTorch checkpoints in any format torch.save has written: the zip archive of PyTorch 1.6
 * and later (`<folder>/data.pkl`, a pickle, and `<folder>/data/<key>`, the raw tensor storages),
 * and the legacy format before it (legacy-pth.ts). The pickle goes through the restricted
 * unpickler, which knows only the globals a checkpoint needs, so loading a checkpoint never runs
 * code. Tensors come back in the engine's dtypes (floating -> float32, integer -> int64, bool),
 * contiguous, with their values gathered from the storage.
 */
import { readFile } from 'node:fs/promises';
import { InvalidInputError } from '../../core/errors.js';
import { checkpointFromPickle, unpickleCheckpoint, type Checkpoint, type StorageReference } from './checkpoint-pickle.js';
import { decodeElements, type EngineArray } from './element-types.js';
import { isLegacyPth, readLegacyPth } from './legacy-pth.js';
import { isTar, readTarPth } from './tar-pth.js';
import { readZipArchive } from './zip-archive.js';

export type { Checkpoint, CheckpointObject, CheckpointValue } from './checkpoint-pickle.js';

/** Reads a checkpoint written by torch.save, from its bytes or a path. */
export async function readPth(input: Uint8Array | string): Promise<Checkpoint> {
  const source = typeof input === 'string' ? input : 'checkpoint';
  const bytes = typeof input === 'string' ? new Uint8Array(await readFile(input)) : input;
  if (isLegacyPth(bytes)) return readLegacyPth(bytes, source);
  if (isTar(bytes)) return readTarPth(bytes, source);
  return readZipPth(bytes, source);
}

function readZipPth(bytes: Uint8Array, source: string): Checkpoint {
  const expected = 'a checkpoint in a format torch.save writes';
  const entries = readZipArchive(bytes, source);
  const pickleName = [...entries.keys()].find((name) => /^[^/]+\/data\.pkl$/.test(name));
  if (pickleName === undefined) throw new InvalidInputError(source, expected, 'a zip archive without <folder>/data.pkl');
  const folder = pickleName.slice(0, -'data.pkl'.length);
  const byteOrder = entries.get(`${folder}byteorder`);
  if (byteOrder && new TextDecoder().decode(byteOrder).trim() !== 'little') {
    throw new InvalidInputError(source, 'little-endian storages', 'a checkpoint written on a big-endian machine');
  }

  const { value } = unpickleCheckpoint(entries.get(pickleName)!, 0, source);
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
  return checkpointFromPickle(value, storageOf, source);
}
