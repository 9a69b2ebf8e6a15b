/**
 * Checkpoints a hostile user would try, made byte by byte: each is small on disk and, read
 * naively, fills memory or overflows the stack.
 */
import { constants, deflateRawSync } from 'node:zlib';
import {
  APPEND, BINGET, BINPUT, DUP, EMPTY_DICT, EMPTY_LIST, NONE, POP, PROTO2, REDUCE, SETITEM, STOP, TUPLE1, TUPLE2,
  concat, pickle, tensorReference, torchZip, u16,
} from './pickle-bytes.js';

/** The pickle of one float tensor of `shape` and `stride` over storage '0' of `storageElements` elements. */
function tensorPickle(shape: readonly number[], stride: readonly number[], storageElements: number): Uint8Array {
  return concat([pickle.op(...PROTO2), tensorReference('0', shape, stride, storageElements), pickle.op(STOP)]);
}


/** Raw deflate of `megabytes` MB of zeros, made 1 MB at a time (sync-flushed blocks), so making it stays small. */
function deflatedZeros(megabytes: number): Uint8Array {
  const block = deflateRawSync(new Uint8Array(1 << 20), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  return concat([...Array.from({ length: megabytes }, () => block), deflateRawSync(new Uint8Array(0))]);
}

/** A .pth whose one storage deflates from about 260 KB to 256 MB of zeros. */
export function zipBombPth(): Uint8Array {
  const megabytes = 256;
  const elements = (megabytes << 20) / 4;
  return torchZip([
    { name: 'archive/data.pkl', data: tensorPickle([elements], [1], elements) },
    { name: 'archive/data/0', data: deflatedZeros(megabytes), inflatedSize: megabytes << 20 },
  ]);
}

/** A .pth of a few hundred bytes: one float tensor of 788 MB, every element the one stored float (stride 0). */
export function strideZeroPth(): Uint8Array {
  const elements = 197_000_000;
  return torchZip([
    { name: 'archive/data.pkl', data: tensorPickle([elements], [0], 1) },
    { name: 'archive/data/0', data: new Uint8Array(4) },
  ]);
}

/** A pickle of shared references ("billion laughs"): each level a list holding the previous one twice, 2^levels leaves. */
export function billionLaughsPickle(levels = 60): Uint8Array {
  const parts = [pickle.op(...PROTO2, EMPTY_LIST, NONE, APPEND, BINPUT, 0, POP)];
  for (let level = 0; level < levels; level++) {
    // (previous, previous), memoised as the next level
    parts.push(pickle.op(BINGET, level, DUP, TUPLE2, BINPUT, level + 1, POP));
  }
  parts.push(pickle.op(BINGET, levels, STOP));
  return concat(parts);
}

/** A pickle of a list that contains itself. */
export function selfReferencePickle(): Uint8Array {
  return pickle.op(...PROTO2, EMPTY_LIST, BINPUT, 0, BINGET, 0, APPEND, STOP);
}

/** A pickle of lists nested `depth` deep (no sharing, no cycle). */
export function deepPickle(depth: number): Uint8Array {
  return concat([pickle.op(...PROTO2), new Uint8Array(depth).fill(EMPTY_LIST), new Uint8Array(depth - 1).fill(APPEND), pickle.op(STOP)]);
}

/** A dict {'state': <pickle's value>}: a pickle wrapped as a torch.save zip archive. */
export function asPth(objectPickle: Uint8Array): Uint8Array {
  const wrapped = concat([pickle.op(...PROTO2, EMPTY_DICT), pickle.text('state'), objectPickle.subarray(2, -1), pickle.op(SETITEM, STOP)]);
  return torchZip([{ name: 'archive/data.pkl', data: wrapped }]);
}

/** The legacy format's header pickles, then an object pickle calling os.system. */
export function legacyOsSystemPth(): Uint8Array {
  const magic = concat([pickle.op(...PROTO2, 0x8a, 10), Uint8Array.of(0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19), pickle.op(STOP)]);
  const protocol = concat([pickle.op(...PROTO2, 0x4d), u16(1001), pickle.op(STOP)]);
  const systemInfo = concat([pickle.op(...PROTO2, EMPTY_DICT), pickle.text('little_endian'), pickle.op(0x88, SETITEM, STOP)]);
  const call = concat([pickle.op(...PROTO2), pickle.global('os', 'system'), pickle.text('true'), pickle.op(TUPLE1, REDUCE, STOP)]);
  return concat([magic, protocol, systemInfo, call]);
}
