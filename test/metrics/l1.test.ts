import { describe, expect, it } from 'vitest';
import { SizeMismatchError } from '../../src/core/errors.js';
import { createImage } from '../../src/core/image.js';
import { l1Percent } from '../../src/metrics/l1.js';

const filled = (w: number, h: number, v: number) => createImage(w, h, new Uint8Array(w * h * 3).fill(v));

describe('l1Percent', () => {
  it('identical images: 0 %', () => {
    expect(l1Percent(filled(5, 5, 17), filled(5, 5, 17))).toBe(0);
  });

  it('every value off by 51 either way: 20 %', () => {
    expect(l1Percent(filled(5, 5, 100), filled(5, 5, 151))).toBeCloseTo(20, 12);
    expect(l1Percent(filled(5, 5, 151), filled(5, 5, 100))).toBeCloseTo(20, 12);
  });

  it('black against white: 100 %', () => {
    expect(l1Percent(filled(3, 2, 0), filled(3, 2, 255))).toBe(100);
  });

  it('images of different sizes throw SizeMismatchError', () => {
    expect(() => l1Percent(filled(4, 3, 0), filled(4, 4, 0))).toThrow(SizeMismatchError);
  });
});
