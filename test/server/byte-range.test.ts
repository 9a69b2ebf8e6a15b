import { describe, expect, it } from 'vitest';
import { parseByteRange } from '../../src/server/byte-range.js';
import { RangeNotSatisfiableError } from '../../src/server/errors.js';

describe('parseByteRange (file of 1000 bytes)', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=900-', { start: 900, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
    [' bytes=5-5 ', { start: 5, end: 5 }],
  ])('%s: %o', (header, range) => {
    expect(parseByteRange(header, 1000)).toEqual(range);
  });

  it.each([undefined, '', 'bytes=-', 'items=0-9', 'bytes=0-9,20-29', 'bytes=abc', 'bytes=50-10'])('%s: the whole file', (header) => {
    expect(parseByteRange(header, 1000)).toBeUndefined();
  });

  it.each(['bytes=1000-', 'bytes=2000-3000', 'bytes=-0'])('%s: RangeNotSatisfiableError', (header) => {
    expect(() => parseByteRange(header, 1000)).toThrow(RangeNotSatisfiableError);
  });
});
