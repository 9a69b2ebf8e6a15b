/**
 * Checkpoints a hostile user would try, made byte by byte: each is small on disk and, read
 * naively, fills memory or overflows the stack.
 */
import { constants, deflateRawSync } from 'node:zlib';

const encoder = new TextEncoder();

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function u16(value: number): Uint8Array {
  return new Uint8Array(new Uint16Array([value]).buffer);
}

function u32(value: number): Uint8Array {
  return new Uint8Array(new Uint32Array([value]).buffer);
}

/** Pickle pieces (protocol 2). */
const pickle = {
  text: (value: string): Uint8Array => {
    const bytes = encoder.encode(value);
    return concat([Uint8Array.of(0x58), u32(bytes.length), bytes]); // BINUNICODE
  },
  int: (value: number): Uint8Array => concat([Uint8Array.of(0x4a), new Uint8Array(new Int32Array([value]).buffer)]), // BININT
  global: (module: string, name: string): Uint8Array => concat([Uint8Array.of(0x63), encoder.encode(`${module}\n${name}\n`)]),
  op: (...codes: number[]): Uint8Array => Uint8Array.of(...codes),
};
const MARK = 0x28, TUPLE = 0x74, TUPLE1 = 0x85, TUPLE2 = 0x86, EMPTY_TUPLE = 0x29, REDUCE = 0x52, BINPERSID = 0x51;
const NEWFALSE = 0x89, STOP = 0x2e, PROTO2 = [0x80, 0x02], EMPTY_LIST = 0x5d, APPEND = 0x61, BINPUT = 0x71, BINGET = 0x68;
const NONE = 0x4e, DUP = 0x32, POP = 0x30, EMPTY_DICT = 0x7d, SETITEM = 0x73;

/** The pickle of one float tensor of `shape` and `stride` over storage '0' of `storageElements` elements. */
function tensorPickle(shape: readonly number[], stride: readonly number[], storageElements: number): Uint8Array {
  const tuple = (values: readonly number[]): Uint8Array => concat([pickle.op(MARK), ...values.map(pickle.int), pickle.op(TUPLE)]);
  return concat([
    pickle.op(...PROTO2),
    pickle.global('torch._utils', '_rebuild_tensor_v2'),
    pickle.op(MARK),
    pickle.op(MARK), pickle.text('storage'), pickle.global('torch', 'FloatStorage'), pickle.text('0'), pickle.text('cpu'),
    pickle.int(storageElements), pickle.op(TUPLE, BINPERSID),
    pickle.int(0), tuple(shape), tuple(stride), pickle.op(NEWFALSE),
    pickle.global('collections', 'OrderedDict'), pickle.op(EMPTY_TUPLE, REDUCE),
    pickle.op(TUPLE, REDUCE, STOP),
  ]);
}

/** A zip archive as torch.save lays it out: `archive/data.pkl` and the given entries, stored or deflated. */
function torchZip(entries: readonly { name: string; data: Uint8Array; inflatedSize?: number }[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const { name, data, inflatedSize } of entries) {
    const nameBytes = encoder.encode(name);
    const method = inflatedSize === undefined ? 0 : 8;
    const size = inflatedSize ?? data.length;
    // crc32 is left 0: readers of checkpoints do not check it.
    const common = concat([u16(20), u16(0), u16(method), u16(0), u16(0), u32(0), u32(data.length), u32(size), u16(nameBytes.length)]);
    const local = concat([u32(0x04034b50), common, u16(0), nameBytes, data]);
    central.push(concat([u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u16(0), u32(0), u32(offset), nameBytes]));
    locals.push(local);
    offset += local.length;
  }
  const directory = concat(central);
  const end = concat([u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(directory.length), u32(offset), u16(0)]);
  return concat([...locals, directory, end]);
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
