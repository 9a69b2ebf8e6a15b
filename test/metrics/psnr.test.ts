import { describe, expect, it } from 'vitest';
import { InvalidInputError, SizeMismatchError } from '../../src/core/errors.js';
import { createImage } from '../../src/core/image.js';
import { psnr } from '../../src/metrics/psnr.js';

const filled = (w: number, h: number, v: number) => createImage(w, h, new Uint8Array(w * h * 3).fill(v));

describe('psnr', () => {
  it('checks its arguments like every public entry: a short rgb, a mask in place of an image', () => {
    const short = { width: 4, height: 3, rgb: new Uint8Array(30) };
    expect(() => psnr(short, filled(4, 3, 90))).toThrow(InvalidInputError);
    expect(() => psnr(short, filled(4, 3, 90))).toThrow('output.rgb: expected 36 bytes');
    const mask = { width: 4, height: 3, data: new Uint8Array(12) };
    expect(() => psnr(filled(4, 3, 90), mask as never)).toThrow('groundTruth: expected an Image');
  });

  it('identical images hit the 1e-10 MSE floor: 148.13 dB', () => {
    expect(psnr(filled(4, 3, 90), filled(4, 3, 90))).toBeCloseTo(10 * Math.log10(255 ** 2 / 1e-10), 10);
  });

  it('every value off by 1: MSE 1, 48.13 dB', () => {
    expect(psnr(filled(4, 3, 91), filled(4, 3, 90))).toBeCloseTo(20 * Math.log10(255), 10);
  });

  it('one value of 12 off by 255: MSE 255^2/12, 10*log10(12) dB', () => {
    const a = filled(2, 2, 0);
    const b = filled(2, 2, 0);
    b.rgb[5] = 255;
    expect(psnr(a, b)).toBeCloseTo(10 * Math.log10(12), 10);
  });

  it('images of different sizes throw SizeMismatchError', () => {
    expect(() => psnr(filled(4, 3, 0), filled(3, 4, 0))).toThrow(SizeMismatchError);
  });
});
