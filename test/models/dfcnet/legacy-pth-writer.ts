/**
 * A DFC-Net release as the authors saved it: PyTorch 0.4.0's legacy torch.save of
 * {'n_iter': n, 'model': OrderedDict(key -> tensor)}, with no `num_batches_tracked` (0.4.0 had
 * none). For tests: a full-width ResNet file is tens of megabytes, too large to commit, so the
 * test draws the seeded weights and writes them (checked loading in python3-torch, see
 * make_fixtures.py --check-release-file). The pickle pieces are the shared test ones.
 */
import { writeFileSync } from 'node:fs';
import type { StateDict } from '../../../src/torch/index.js';
import {
  APPENDS, BINPERSID, EMPTY_DICT, EMPTY_LIST, EMPTY_TUPLE, MARK, NEWFALSE, NEWTRUE, NONE, PROTO2, REDUCE, SETITEMS, STOP, TUPLE,
  concat, intTuple, pickle,
} from '../../torch/serialization/pickle-bytes.js';

/** A float tensor as the legacy format refers to it: its storage's persistent id has a 6th item, the view (None). */
function tensorReference(key: string, shape: readonly number[], stride: readonly number[], storageElements: number): Uint8Array {
  return concat([
    pickle.global('torch._utils', '_rebuild_tensor_v2'),
    pickle.op(MARK),
    pickle.op(MARK), pickle.text('storage'), pickle.global('torch', 'FloatStorage'), pickle.text(key), pickle.text('cpu'),
    pickle.int(storageElements), pickle.op(NONE, TUPLE, BINPERSID),
    pickle.int(0), intTuple(shape), intTuple(stride), pickle.op(NEWFALSE),
    pickle.global('collections', 'OrderedDict'), pickle.op(EMPTY_TUPLE, REDUCE),
    pickle.op(TUPLE, REDUCE),
  ]);
}

const whole = (...parts: Uint8Array[]): Uint8Array => concat([pickle.op(...PROTO2), ...parts, pickle.op(STOP)]);

export function writeLegacyPth(path: string, stateDict: StateDict, nIter = 0): void {
  const entries = [...stateDict].filter(([key]) => !key.endsWith('num_batches_tracked'));
  const arrays = entries.map(([, t]) => t.contiguous().toArray() as Float32Array);
  const model = concat([
    pickle.global('collections', 'OrderedDict'), pickle.op(EMPTY_TUPLE, REDUCE, MARK),
    ...entries.flatMap(([key, t], i) => {
      const stride = t.shape.map((_, d) => t.shape.slice(d + 1).reduce((a, b) => a * b, 1));
      return [pickle.text(key), tensorReference(String(i), t.shape, stride, arrays[i].length)];
    }),
    pickle.op(SETITEMS),
  ]);
  const storages = arrays.map((values) => {
    const count = new Uint8Array(8);
    new DataView(count.buffer).setBigInt64(0, BigInt(values.length), true);
    return concat([count, new Uint8Array(values.buffer, values.byteOffset, values.byteLength)]);
  });
  writeFileSync(path, concat([
    // The magic number 0x1950a86a20f9469cfc6c (LONG1), the protocol version, the system info.
    whole(pickle.op(0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19)),
    whole(pickle.int(1001)),
    whole(pickle.op(EMPTY_DICT, MARK), pickle.text('protocol_version'), pickle.int(1001), pickle.text('little_endian'), pickle.op(NEWTRUE),
      pickle.text('type_sizes'), pickle.op(EMPTY_DICT, MARK), pickle.text('short'), pickle.int(2), pickle.text('int'), pickle.int(4),
      pickle.text('long'), pickle.int(4), pickle.op(SETITEMS, SETITEMS)),
    whole(pickle.op(EMPTY_DICT, MARK), pickle.text('n_iter'), pickle.int(nIter), pickle.text('model'), model, pickle.op(SETITEMS)),
    whole(pickle.op(EMPTY_LIST, MARK), ...entries.map((_, i) => pickle.text(String(i))), pickle.op(APPENDS)),
    ...storages,
  ]));
}
