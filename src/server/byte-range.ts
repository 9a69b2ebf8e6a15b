import { RangeNotSatisfiableError } from './errors.js';

/** Bytes `start` to `end` of a file, both included, as a Range request asks for them. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The one range a `Range: bytes=...` header asks for in a file of `size` bytes, so that a player
 * can seek in a result video and a download can resume. No header, another unit or several
 * ranges: undefined, and the whole file is sent (as RFC 9110 allows). A range that starts past
 * the end: RangeNotSatisfiableError (416).
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | undefined {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first, last] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Math.min(Number(last), size);
    if (length === 0) throw new RangeNotSatisfiableError(size);
    return { start: size - length, end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size) throw new RangeNotSatisfiableError(size);
  if (end < start) return undefined;
  return { start, end };
}
