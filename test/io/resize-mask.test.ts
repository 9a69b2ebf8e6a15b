import { describe, expect, it } from 'vitest';
import { createMask } from '../../src/core/image.js';
import { resizeMaskNearest } from '../../src/io/resize-mask.js';

describe('resizeMaskNearest', () => {
  it('2x2 to 4x4: each pixel becomes a 2x2 block', () => {
    const out = resizeMaskNearest(createMask(2, 2, Uint8Array.from([1, 0, 0, 1])), 4, 4);
    expect(Array.from(out.data)).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1]);
  });

  it('4x2 to 2x1: picks pixels, no grey levels', () => {
    const out = resizeMaskNearest(createMask(4, 2, Uint8Array.from([0, 1, 1, 0, 0, 0, 0, 0])), 2, 1);
    expect([out.width, out.height]).toEqual([2, 1]);
    expect(Array.from(out.data).every((v) => v === 0 || v === 1)).toBe(true);
  });
});
