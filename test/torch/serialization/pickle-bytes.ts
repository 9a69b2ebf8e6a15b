/**
 * Pickle (protocol 2) and zip pieces, byte by byte, for tests that make checkpoints of their own:
 * the hostile ones (hostile-checkpoints.ts) and official-format releases (write-pth.ts).
 */
import { crc32 } from 'node:zlib';

const encoder = new TextEncoder();

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function u16(value: number): Uint8Array {
  return new Uint8Array(new Uint16Array([value]).buffer);
}

export function u32(value: number): Uint8Array {
  return new Uint8Array(new Uint32Array([value]).buffer);
}

/** Pickle pieces (protocol 2). */
export const pickle = {
  text: (value: string): Uint8Array => {
    const bytes = encoder.encode(value);
    return concat([Uint8Array.of(0x58), u32(bytes.length), bytes]); // BINUNICODE
  },
  int: (value: number): Uint8Array => concat([Uint8Array.of(0x4a), new Uint8Array(new Int32Array([value]).buffer)]), // BININT
  float: (value: number): Uint8Array => { // BINFLOAT: big-endian float64
    const bytes = new Uint8Array(9);
    bytes[0] = 0x47;
    new DataView(bytes.buffer).setFloat64(1, value, false);
    return bytes;
  },
  global: (module: string, name: string): Uint8Array => concat([Uint8Array.of(0x63), encoder.encode(`${module}\n${name}\n`)]),
  op: (...codes: number[]): Uint8Array => Uint8Array.of(...codes),
};
export const MARK = 0x28, TUPLE = 0x74, TUPLE1 = 0x85, TUPLE2 = 0x86, EMPTY_TUPLE = 0x29, REDUCE = 0x52, BINPERSID = 0x51;
export const NEWFALSE = 0x89, NEWTRUE = 0x88, STOP = 0x2e, PROTO2 = [0x80, 0x02], EMPTY_LIST = 0x5d, APPEND = 0x61, APPENDS = 0x65, BINPUT = 0x71, BINGET = 0x68;
export const NONE = 0x4e, DUP = 0x32, POP = 0x30, EMPTY_DICT = 0x7d, SETITEM = 0x73, SETITEMS = 0x75;

/** A tuple of integers. */
export function intTuple(values: readonly number[]): Uint8Array {
  return concat([pickle.op(MARK), ...values.map(pickle.int), pickle.op(TUPLE)]);
}

/**
 * The pickle of one float tensor (without PROTO and STOP) of `shape` and `stride` over the
 * storage named `key` of `storageElements` elements: what torch.save writes for a tensor.
 */
export function tensorReference(key: string, shape: readonly number[], stride: readonly number[], storageElements: number): Uint8Array {
  return concat([
    pickle.global('torch._utils', '_rebuild_tensor_v2'),
    pickle.op(MARK),
    pickle.op(MARK), pickle.text('storage'), pickle.global('torch', 'FloatStorage'), pickle.text(key), pickle.text('cpu'),
    pickle.int(storageElements), pickle.op(TUPLE, BINPERSID),
    pickle.int(0), intTuple(shape), intTuple(stride), pickle.op(NEWFALSE),
    pickle.global('collections', 'OrderedDict'), pickle.op(EMPTY_TUPLE, REDUCE),
    pickle.op(TUPLE, REDUCE),
  ]);
}

export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
  /** Set for a deflated entry: the size it inflates to (its crc32 is then left 0). */
  readonly inflatedSize?: number;
}

/** A zip archive as torch.save lays it out: the entries in order, stored (or deflated), no zip64. */
export function torchZip(entries: readonly ZipEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const { name, data, inflatedSize } of entries) {
    const nameBytes = encoder.encode(name);
    const method = inflatedSize === undefined ? 0 : 8;
    const size = inflatedSize ?? data.length;
    const crc = inflatedSize === undefined ? crc32(data) : 0;
    const common = concat([u16(20), u16(0), u16(method), u16(0), u16(0), u32(crc), u32(data.length), u32(size), u16(nameBytes.length)]);
    const local = concat([u32(0x04034b50), common, u16(0), nameBytes, data]);
    central.push(concat([u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u16(0), u32(0), u32(offset), nameBytes]));
    locals.push(local);
    offset += local.length;
  }
  const directory = concat(central);
  const end = concat([u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(directory.length), u32(offset), u16(0)]);
  return concat([...locals, directory, end]);
}
