/**
 * Reading a zip archive from memory: the central directory (zip64 included), entries stored or
 * deflated. torch.save writes stored entries, so those come back as views without a copy.
 */
import { inflateRawSync } from 'node:zlib';
import { InvalidInputError } from '../../core/errors.js';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const ZIP64_EXTRA_FIELD = 0x0001;
const STORED = 0;
const DEFLATED = 8;
const ZIP64_MARK = 0xffffffff;
/**
 * Deflated entries may inflate to this many bytes whatever their ratio; beyond it, at most
 * MAX_RATIO times their compressed size. Real tensor data barely compresses (zeros are the
 * exception, and small), while a zip bomb inflates a thousandfold.
 */
const FREE_INFLATED_BYTES = 32 * 1024 * 1024;
const MAX_RATIO = 100;

/**
 * The archive's entries by name, each entry's bytes uncompressed. Deflated entries that would
 * inflate past FREE_INFLATED_BYTES and MAX_RATIO times their size (a zip bomb) are refused before
 * anything is inflated.
 */
export function readZipArchive(bytes: Uint8Array, source: string): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (what: string): InvalidInputError =>
    new InvalidInputError(source, 'a complete zip archive (the format torch.save writes)', what);
  const u32 = (at: number): number => {
    if (at < 0 || at + 4 > bytes.length) throw corrupt(`a file that ends at byte ${bytes.length} (truncated?)`);
    return view.getUint32(at, true);
  };
  const u16 = (at: number): number => {
    if (at < 0 || at + 2 > bytes.length) throw corrupt(`a file that ends at byte ${bytes.length} (truncated?)`);
    return view.getUint16(at, true);
  };
  const u64 = (at: number): number => {
    if (at < 0 || at + 8 > bytes.length) throw corrupt(`a file that ends at byte ${bytes.length} (truncated?)`);
    return Number(view.getBigUint64(at, true));
  };

  // The end record sits in the last 22 bytes plus at most a 65535-byte comment.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw corrupt('a file without the zip end record (truncated, or not a zip archive)');

  let entryCount = u16(end + 10);
  let directoryOffset = u32(end + 16);
  if (entryCount === 0xffff || directoryOffset === ZIP64_MARK) {
    if (u32(end - 20) !== ZIP64_END_LOCATOR) throw corrupt('a zip64 archive without its locator');
    const zip64End = u64(end - 20 + 8);
    if (u32(zip64End) !== ZIP64_END_OF_CENTRAL_DIRECTORY) throw corrupt('a zip64 archive without its end record');
    entryCount = u64(zip64End + 32);
    directoryOffset = u64(zip64End + 48);
  }

  const deflated: { name: string; data: Uint8Array; size: number }[] = [];
  const entries = new Map<string, Uint8Array>();
  let at = directoryOffset;
  for (let index = 0; index < entryCount; index++) {
    if (u32(at) !== CENTRAL_DIRECTORY_HEADER) throw corrupt(`a damaged central directory at byte ${at}`);
    const method = u16(at + 10);
    let compressedSize = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let localOffset = u32(at + 42);
    if (at + 46 + nameLength > bytes.length) throw corrupt(`a file that ends at byte ${bytes.length} (truncated?)`);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));

    // zip64 sizes and offset follow in the extra field, only for the fields marked 0xffffffff.
    for (let field = at + 46 + nameLength; field < at + 46 + nameLength + extraLength; ) {
      const id = u16(field);
      const length = u16(field + 2);
      if (id === ZIP64_EXTRA_FIELD) {
        let value = field + 4;
        if (size === ZIP64_MARK) {
          size = u64(value);
          value += 8;
        }
        if (compressedSize === ZIP64_MARK) {
          compressedSize = u64(value);
          value += 8;
        }
        if (localOffset === ZIP64_MARK) localOffset = u64(value);
      }
      field += 4 + length;
    }
    at += 46 + nameLength + extraLength + commentLength;

    if (u32(localOffset) !== LOCAL_FILE_HEADER) throw corrupt(`a damaged entry ${name}`);
    const dataStart = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
    if (dataStart + compressedSize > bytes.length) {
      throw corrupt(`a file that ends at byte ${bytes.length} inside entry ${name} (truncated?)`);
    }
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    if (method === STORED) {
      entries.set(name, data);
    } else if (method === DEFLATED) {
      deflated.push({ name, data, size });
    } else {
      throw corrupt(`entry ${name} compressed with method ${method} (only stored and deflate are read)`);
    }
  }

  const inflatedTotal = deflated.reduce((sum, entry) => sum + entry.size, 0);
  const compressedTotal = deflated.reduce((sum, entry) => sum + entry.data.length, 0);
  if (inflatedTotal > Math.max(FREE_INFLATED_BYTES, MAX_RATIO * compressedTotal)) {
    throw new InvalidInputError(
      source,
      `compressed entries inflating at most ${MAX_RATIO} times (a zip bomb would fill memory)`,
      `${compressedTotal} compressed bytes declaring ${inflatedTotal} inflated`,
    );
  }
  for (const { name, data, size } of deflated) {
    let inflated: Buffer;
    try {
      // The declared size bounds the output, so an entry lying about it cannot inflate further.
      inflated = inflateRawSync(data, { maxOutputLength: Math.max(size, 1) });
    } catch (error) {
      throw new InvalidInputError(source, 'a complete zip archive (the format torch.save writes)',
        `entry ${name} that does not inflate to its declared ${size} bytes`, { cause: error });
    }
    if (inflated.length !== size) throw corrupt(`entry ${name} inflating to ${inflated.length} bytes, not ${size}`);
    entries.set(name, new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length));
  }
  return entries;
}
