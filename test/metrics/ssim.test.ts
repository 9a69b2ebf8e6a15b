import { describe, expect, it } from 'vitest';
import { InvalidInputError, SizeMismatchError } from '../../src/core/errors.js';
import { createImage } from '../../src/core/image.js';
import { ssim } from '../../src/metrics/ssim.js';

const filled = (w: number, h: number, v: number) => createImage(w, h, new Uint8Array(w * h * 3).fill(v));

function noise(w: number, h: number, seed: number) {
  const rgb = new Uint8Array(w * h * 3);
  let s = seed;
  for (let i = 0; i < rgb.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    rgb[i] = s >>> 24;
  }
  return createImage(w, h, rgb);
}

describe('ssim', () => {
  it('identical textured images: 1', () => {
    const a = noise(20, 16, 1);
    expect(ssim(a, a)).toBeCloseTo(1, 12);
  });

  it('flat images at a and b: (2ab + C1) / (a^2 + b^2 + C1)', () => {
    const c1 = (0.01 * 255) ** 2;
    expect(ssim(filled(12, 11, 100), filled(12, 11, 50))).toBeCloseTo((2 * 100 * 50 + c1) / (100 ** 2 + 50 ** 2 + c1), 12);
  });

  it('independent noise images score near 0, well below a noisy copy', () => {
    const a = noise(32, 32, 1);
    const noisy = createImage(32, 32, a.rgb.map((v, i) => Math.min(255, v + (i % 7))));
    expect(Math.abs(ssim(noise(32, 32, 2), a))).toBeLessThan(0.1);
    expect(ssim(noisy, a)).toBeGreaterThan(0.9);
  });

  it('a change in the 5-pixel border strip weighs less than one at the centre (the map is cropped)', () => {
    const a = noise(21, 21, 3);
    const b = createImage(21, 21, a.rgb.slice());
    b.rgb.fill(0, 0, 21 * 3); // the first row: only the windows of the first counted row reach it
    const c = createImage(21, 21, a.rgb.slice());
    c.rgb[(10 * 21 + 10) * 3] ^= 0xff; // one value at the centre: inside every counted window
    expect(ssim(b, a)).toBeLessThan(1);
    expect(ssim(c, a)).toBeLessThan(ssim(b, a));
  });

  it('images under 11x11 throw InvalidInputError', () => {
    expect(() => ssim(filled(10, 20, 0), filled(10, 20, 0))).toThrow(InvalidInputError);
    expect(() => ssim(filled(20, 10, 0), filled(20, 10, 0))).toThrow(InvalidInputError);
  });

  it('images of different sizes throw SizeMismatchError', () => {
    expect(() => ssim(filled(12, 12, 0), filled(13, 12, 0))).toThrow(SizeMismatchError);
  });
});
