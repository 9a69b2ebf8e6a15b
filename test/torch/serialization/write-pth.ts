/**
 * torch.save's zip format, written from TypeScript, for tests that need an official-format release
 * too large to commit (EdgeConnect's generators are 43 MB each): the test draws the seeded weights
 * the fixture script drew and writes them as the authors' code saved them. Float32 tensors only;
 * a Map pickles as collections.OrderedDict (what state_dict() returns), an object as a dict.
 */
import { writeFile } from 'node:fs/promises';
import { Tensor } from '../../../src/torch/index.js';
import {
  APPENDS, EMPTY_DICT, EMPTY_LIST, EMPTY_TUPLE, MARK, NEWFALSE, NEWTRUE, NONE, PROTO2, REDUCE, SETITEMS, STOP,
  concat, pickle, tensorReference, torchZip, type ZipEntry,
} from './pickle-bytes.js';

export type PthValue = number | string | boolean | null | Tensor | readonly PthValue[] | ReadonlyMap<string, PthValue> | { readonly [key: string]: PthValue };

export function pthBytes(value: PthValue): Uint8Array {
  const storages: ZipEntry[] = [];
  const pickled = (item: PthValue): Uint8Array => {
    if (item === null) return pickle.op(NONE);
    if (typeof item === 'boolean') return pickle.op(item ? NEWTRUE : NEWFALSE);
    if (typeof item === 'number') return Number.isInteger(item) ? pickle.int(item) : pickle.float(item);
    if (typeof item === 'string') return pickle.text(item);
    if (item instanceof Tensor) {
      if (item.dtype !== 'float32') throw new Error(`pthBytes writes float32 tensors, not ${item.dtype}`);
      const data = item.contiguous().toArray() as Float32Array;
      const key = String(storages.length);
      storages.push({ name: `archive/data/${key}`, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
      const shape = item.shape;
      const stride = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
      return tensorReference(key, shape, stride, data.length);
    }
    if (Array.isArray(item)) return concat([pickle.op(EMPTY_LIST, MARK), ...item.map(pickled), pickle.op(APPENDS)]);
    const entries = item instanceof Map ? [...item] : Object.entries(item);
    const start = item instanceof Map ? concat([pickle.global('collections', 'OrderedDict'), pickle.op(EMPTY_TUPLE, REDUCE)]) : pickle.op(EMPTY_DICT);
    return concat([start, pickle.op(MARK), ...entries.flatMap(([key, entry]) => [pickle.text(key), pickled(entry as PthValue)]), pickle.op(SETITEMS)]);
  };
  const data = concat([pickle.op(...PROTO2), pickled(value), pickle.op(STOP)]);
  return torchZip([
    { name: 'archive/data.pkl', data },
    ...storages,
    { name: 'archive/version', data: new TextEncoder().encode('3\n') },
  ]);
}

export function writePth(path: string, value: PthValue): Promise<void> {
  return writeFile(path, pthBytes(value));
}
