import { describe, expect, it } from 'vitest';
import { InvalidInputError, SizeMismatchError } from '../../src/core/errors.js';
import { createImage, createMask, type Image } from '../../src/core/image.js';
import { sharpness } from '../../src/metrics/sharpness.js';

/** Grey horizontal ramp: value = slope * x in every channel. */
function ramp(w: number, h: number, slope: number): Image {
  const rgb = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rgb.fill(slope * x, (y * w + x) * 3, (y * w + x) * 3 + 3);
  return createImage(w, h, rgb);
}

function maskOf(w: number, h: number, holes: Array<[number, number]>) {
  const m = createMask(w, h);
  for (const [x, y] of holes) m.data[y * w + x] = 1;
  return m;
}

describe('sharpness', () => {
  it('the ground truth itself: 1', () => {
    expect(sharpness(ramp(8, 6, 10), ramp(8, 6, 10), maskOf(8, 6, [[3, 3]]))).toBeCloseTo(1, 12);
  });

  it('a ramp twice as steep inside the hole: 2', () => {
    const hole = maskOf(8, 6, [[2, 2], [3, 2], [4, 3]]);
    expect(sharpness(ramp(8, 6, 20), ramp(8, 6, 10), hole)).toBeCloseTo(2, 5);
  });

  it('a flat output: 0', () => {
    const flat = createImage(8, 6, new Uint8Array(8 * 6 * 3).fill(128));
    expect(sharpness(flat, ramp(8, 6, 10), maskOf(8, 6, [[4, 4]]))).toBe(0);
  });

  it('a hole on the left edge sees the neighbour mirrored (BORDER_REFLECT_101): no horizontal gradient', () => {
    // On a horizontal ramp x=0 mirrors x=1 onto x=-1, so dx = 0 there and only the 1e-6 floor divides.
    const hole = maskOf(8, 6, [[0, 2]]);
    expect(sharpness(ramp(8, 6, 20), ramp(8, 6, 10), hole)).toBe(0);
  });

  it('a flat ground truth divides by the 1e-6 floor, not by 0', () => {
    const flat = createImage(8, 6, new Uint8Array(8 * 6 * 3).fill(50));
    const s = sharpness(ramp(8, 6, 1), flat, maskOf(8, 6, [[3, 3]]));
    expect(Number.isFinite(s)).toBe(true);
    expect(s).toBeGreaterThan(1e6);
  });

  it('an empty mask throws InvalidInputError', () => {
    expect(() => sharpness(ramp(8, 6, 1), ramp(8, 6, 1), createMask(8, 6))).toThrow(InvalidInputError);
  });

  it('a mask of another size throws SizeMismatchError', () => {
    expect(() => sharpness(ramp(8, 6, 1), ramp(8, 6, 1), maskOf(6, 8, [[1, 1]]))).toThrow(SizeMismatchError);
  });

  it('an output of another size throws SizeMismatchError', () => {
    expect(() => sharpness(ramp(7, 6, 1), ramp(8, 6, 1), maskOf(8, 6, [[1, 1]]))).toThrow(SizeMismatchError);
  });
});
