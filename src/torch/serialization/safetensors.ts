/**
 * The safetensors format, the toolkit's own state-dict format: an 8-byte little-endian header
 * length, a JSON header (per tensor: dtype, shape, data_offsets into the data; an optional
 * `__metadata__` of strings), then the raw little-endian data. Loading reads any dtype the format
 * names and converts it to the engine's (floating -> float32, integer -> int64, bool).
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { InvalidInputError } from '../../core/errors.js';
import { tensor } from '../creation.js';
import type { Dtype } from '../native.js';
import { bytesPerElement, decodeElements, encodeElements, type StoredElementType } from './element-types.js';
import type { StateDict } from './state-dict.js';

const FORMAT_DTYPES = {
  F32: 'float32',
  F16: 'float16',
  BF16: 'bfloat16',
  F64: 'float64',
  I64: 'int64',
  I32: 'int32',
  I16: 'int16',
  I8: 'int8',
  U8: 'uint8',
  BOOL: 'bool',
} as const satisfies Record<string, StoredElementType>;

const ENGINE_DTYPES: Readonly<Record<Dtype, keyof typeof FORMAT_DTYPES>> = { float32: 'F32', int64: 'I64', bool: 'BOOL' };

/** The format's own limit on the header, which also keeps a corrupt length from allocating gigabytes. */
const MAX_HEADER_BYTES = 100_000_000;

const entrySchema = z.object({
  dtype: z.enum(Object.keys(FORMAT_DTYPES) as [keyof typeof FORMAT_DTYPES]),
  shape: z.array(z.number().int().nonnegative()),
  data_offsets: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
});
const metadataSchema = z.record(z.string(), z.string());

export interface Safetensors {
  stateDict: StateDict;
  /** The header's `__metadata__` (strings only, as the format requires); empty when absent. */
  metadata: Record<string, string>;
}

/** The file's bytes for a state dict: tensors in the map's order, the header padded to 8 bytes. */
export function encodeSafetensors(stateDict: StateDict, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [key, value] of stateDict) {
    const data = encodeElements(value.device === 'cpu' ? value.toArray() : value.to({ device: 'cpu' }).toArray());
    header[key] = { dtype: ENGINE_DTYPES[value.dtype], shape: value.shape, data_offsets: [offset, offset + data.length] };
    chunks.push(data);
    offset += data.length;
  }
  let text = JSON.stringify(header);
  text += ' '.repeat((8 - (Buffer.byteLength(text) % 8)) % 8);
  const headerBytes = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** A state dict and metadata from a safetensors file's bytes; `source` names it in errors. */
export function decodeSafetensors(bytes: Uint8Array, source = 'safetensors'): Safetensors {
  const invalid = (what: string): InvalidInputError => new InvalidInputError(source, 'a safetensors file', what);
  if (bytes.length < 8) throw invalid(`${bytes.length} bytes (truncated?)`);
  const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (headerLength > MAX_HEADER_BYTES || 8 + headerLength > bytes.length) {
    throw invalid(`a header of ${headerLength} bytes in a file of ${bytes.length} (truncated?)`);
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch (error) {
    throw new InvalidInputError(source, 'a safetensors file', 'a header that is not JSON', { cause: error });
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw invalid('a header that is not a JSON object');

  const data = bytes.subarray(8 + headerLength);
  const stateDict: StateDict = new Map();
  let metadata: Record<string, string> = {};
  for (const [key, raw] of Object.entries(header)) {
    if (key === '__metadata__') {
      const parsed = metadataSchema.safeParse(raw);
      if (!parsed.success) throw invalid('__metadata__ that is not a map of strings');
      metadata = parsed.data;
      continue;
    }
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) throw invalid(`an entry ${key} without a known dtype, shape and data_offsets`);
    const { dtype, shape, data_offsets: [begin, end] } = parsed.data;
    const elementType = FORMAT_DTYPES[dtype];
    const byteCount = shape.reduce((product, size) => product * size, 1) * bytesPerElement[elementType];
    if (end - begin !== byteCount || end > data.length) {
      throw invalid(`${key} [${shape}] ${dtype} at bytes ${begin}..${end} of ${data.length} data bytes`);
    }
    stateDict.set(key, tensor(decodeElements(data.subarray(begin, end), elementType), shape));
  }
  return { stateDict, metadata };
}

/** Writes a state dict as safetensors, atomically: a temporary file beside `path`, then a rename. */
export async function saveSafetensors(
  path: string,
  stateDict: StateDict,
  options: { metadata?: Record<string, string> } = {},
): Promise<void> {
  const bytes = encodeSafetensors(stateDict, options.metadata);
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Reads a safetensors file's state dict (see decodeSafetensors for its metadata too). */
export async function loadSafetensors(path: string): Promise<StateDict> {
  return decodeSafetensors(new Uint8Array(await readFile(path)), path).stateDict;
}
