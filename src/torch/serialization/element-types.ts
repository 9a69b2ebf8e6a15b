/**
 * The element types checkpoints store, and their decoding from raw little-endian bytes into the
 * engine's three dtypes: floating types become float32, integer types int64, bool stays bool.
 */
import type { Dtype } from '../native.js';

export type StoredElementType =
  | 'float32'
  | 'float16'
  | 'bfloat16'
  | 'float64'
  | 'int64'
  | 'int32'
  | 'int16'
  | 'int8'
  | 'uint8'
  | 'bool';

export type EngineArray = Float32Array | BigInt64Array | Uint8Array;

export const bytesPerElement: Readonly<Record<StoredElementType, number>> = {
  float32: 4,
  float16: 2,
  bfloat16: 2,
  float64: 8,
  int64: 8,
  int32: 4,
  int16: 2,
  int8: 1,
  uint8: 1,
  bool: 1,
};

/** The engine dtype a stored element type loads as. */
export function engineDtypeOf(type: StoredElementType): Dtype {
  if (type === 'bool') return 'bool';
  if (type === 'float32' || type === 'float16' || type === 'bfloat16' || type === 'float64') return 'float32';
  return 'int64';
}

/** Decodes `bytes` (a whole number of elements, little-endian) into the engine's typed array. */
export function decodeElements(bytes: Uint8Array, type: StoredElementType): EngineArray {
  const count = Math.floor(bytes.length / bytesPerElement[type]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (type) {
    case 'bool':
      return Uint8Array.from(bytes.subarray(0, count), (value) => (value === 0 ? 0 : 1));
    case 'float32': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, true);
      return out;
    }
    case 'float64': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(8 * i, true);
      return out;
    }
    case 'float16': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(2 * i, true));
      return out;
    }
    case 'bfloat16': {
      // bfloat16 is the top half of a float32.
      const bits = new Uint32Array(count);
      for (let i = 0; i < count; i++) bits[i] = view.getUint16(2 * i, true) << 16;
      return new Float32Array(bits.buffer);
    }
    case 'int64': {
      const out = new BigInt64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getBigInt64(8 * i, true);
      return out;
    }
    case 'int32': {
      const out = new BigInt64Array(count);
      for (let i = 0; i < count; i++) out[i] = BigInt(view.getInt32(4 * i, true));
      return out;
    }
    case 'int16': {
      const out = new BigInt64Array(count);
      for (let i = 0; i < count; i++) out[i] = BigInt(view.getInt16(2 * i, true));
      return out;
    }
    case 'int8': {
      const out = new BigInt64Array(count);
      for (let i = 0; i < count; i++) out[i] = BigInt(view.getInt8(i));
      return out;
    }
    case 'uint8': {
      const out = new BigInt64Array(count);
      for (let i = 0; i < count; i++) out[i] = BigInt(bytes[i]);
      return out;
    }
  }
}

/** The raw little-endian bytes of an engine array (float32 as F32, int64 as I64, bool as one byte). */
export function encodeElements(values: EngineArray): Uint8Array {
  if (values instanceof Uint8Array) return Uint8Array.from(values, (value) => (value === 0 ? 0 : 1));
  const out = new Uint8Array(values.length * (values instanceof Float32Array ? 4 : 8));
  const view = new DataView(out.buffer);
  if (values instanceof Float32Array) {
    for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i], true);
  } else {
    for (let i = 0; i < values.length; i++) view.setBigInt64(8 * i, values[i], true);
  }
  return out;
}

function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24; // subnormal
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}
