import { describe, expect, it } from 'vitest';
import { teleaInpaint } from '../../../src/classical/telea/telea.js';
import { InvalidOptionError, MaskCoversEverythingError, SizeMismatchError } from '../../../src/core/errors.js';
import { createImage, createMask, type Image, type Mask } from '../../../src/core/image.js';

/** An image whose three channels all equal `value(x, y)`. */
function greyImage(width: number, height: number, value: (x: number, y: number) => number): Image {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rgb.fill(value(x, y), (y * width + x) * 3, (y * width + x) * 3 + 3);
  }
  return createImage(width, height, rgb);
}

/** A mask with the rectangle [x0, x1) x [y0, y1) as hole. */
function rectMask(width: number, height: number, x0: number, y0: number, x1: number, y1: number): Mask {
  const data = new Uint8Array(width * height);
  for (let y = y0; y < y1; y++) data.fill(1, y * width + x0, y * width + x1);
  return createMask(width, height, data);
}

/** The input with every hole byte set to `value`: what a method sees from the protocol. */
function fillHole(image: Image, mask: Mask, value: number): Image {
  const rgb = image.rgb.slice();
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) rgb.fill(value, i * 3, i * 3 + 3);
  return createImage(image.width, image.height, rgb);
}

/** Largest and mean absolute difference over the hole, all channels. */
function holeError(output: Image, truth: Image, mask: Mask): { max: number; mean: number } {
  let max = 0, sum = 0, n = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    for (let c = 0; c < 3; c++) {
      const e = Math.abs(output.rgb[i * 3 + c] - truth.rgb[i * 3 + c]);
      max = Math.max(max, e);
      sum += e;
      n++;
    }
  }
  return { max, mean: sum / n };
}

describe('teleaInpaint', () => {
  it('constant (90,140,200) 20x20, 6x6 hole: the hole gets the constant', () => {
    const rgb = new Uint8Array(20 * 20 * 3);
    for (let i = 0; i < 400; i++) rgb.set([90, 140, 200], i * 3);
    const mask = rectMask(20, 20, 7, 7, 13, 13);
    const out = teleaInpaint(fillHole(createImage(20, 20, rgb), mask, 0), mask, 3);
    expect(out.rgb).toEqual(rgb);
  });

  it('horizontal ramp slope 4/px, 5x5 hole: continued within 3 levels (mean within 1.5)', () => {
    const truth = greyImage(24, 24, (x) => 20 + 4 * x);
    const mask = rectMask(24, 24, 8, 8, 13, 13);
    const err = holeError(teleaInpaint(fillHole(truth, mask, 128), mask, 3), truth, mask);
    expect(err.max).toBeLessThanOrEqual(3);
    expect(err.mean).toBeLessThanOrEqual(1.5);
  });

  it('diagonal ramp slope 4/px along x and y, 5x5 hole: continued within 5 levels (mean within 2)', () => {
    const truth = greyImage(24, 24, (x, y) => 20 + 4 * x + 4 * y);
    const mask = rectMask(24, 24, 8, 8, 13, 13);
    const err = holeError(teleaInpaint(fillHole(truth, mask, 128), mask, 3), truth, mask);
    expect(err.max).toBeLessThanOrEqual(5);
    expect(err.mean).toBeLessThanOrEqual(2);
  });

  it('diagonal ramp, one-pixel hole: the exact value (the gradient term extrapolates the ramp)', () => {
    const truth = greyImage(16, 16, (x, y) => 20 + 4 * x + 4 * y);
    const mask = rectMask(16, 16, 7, 7, 8, 8);
    const out = teleaInpaint(fillHole(truth, mask, 255), mask, 3);
    expect(holeError(out, truth, mask).max).toBe(0);
  });

  it('two inputs differing only inside the hole give identical outputs', () => {
    const truth = greyImage(24, 24, (x, y) => (x * 37 + y * 11) % 256);
    const mask = rectMask(24, 24, 5, 9, 15, 14);
    const a = teleaInpaint(fillHole(truth, mask, 0), mask, 3);
    const b = teleaInpaint(fillHole(truth, mask, 255), mask, 3);
    expect(a.rgb).toEqual(b.rgb);
  });

  it('known pixels come back unchanged and the size is the input size', () => {
    const input = greyImage(17, 11, (x, y) => (x * 53 + y * 29) % 256);
    const mask = rectMask(17, 11, 3, 2, 9, 8);
    const out = teleaInpaint(input, mask, 3);
    expect([out.width, out.height, out.rgb.length]).toEqual([17, 11, 17 * 11 * 3]);
    for (let i = 0; i < mask.data.length; i++) {
      if (mask.data[i]) continue;
      expect([...out.rgb.subarray(i * 3, i * 3 + 3)]).toEqual([...input.rgb.subarray(i * 3, i * 3 + 3)]);
    }
  });

  it('5x5 hole in the top-left corner, vertical ramp slope 4/px: within 12 levels (OpenCV: 16)', () => {
    // The corner is reached from below and from the right alike, so the rows below pull it down.
    const truth = greyImage(20, 20, (_x, y) => 30 + 4 * y);
    const mask = rectMask(20, 20, 0, 0, 5, 5);
    const err = holeError(teleaInpaint(fillHole(truth, mask, 128), mask, 3), truth, mask);
    expect(err.max).toBeLessThanOrEqual(12);
    expect(err.mean).toBeLessThanOrEqual(4);
  });

  it('hole spanning the full height (a column cut), constant image: filled with the constant', () => {
    const truth = greyImage(12, 9, () => 77);
    const mask = rectMask(12, 9, 4, 0, 7, 9);
    expect(teleaInpaint(fillHole(truth, mask, 0), mask, 2).rgb).toEqual(truth.rgb);
  });

  it('radius 1 on a 1x2 image with one hole pixel: the other pixel is copied', () => {
    const input = createImage(2, 1, Uint8Array.from([10, 20, 30, 0, 0, 0]));
    const out = teleaInpaint(input, createMask(2, 1, Uint8Array.from([0, 1])), 1);
    expect([...out.rgb]).toEqual([10, 20, 30, 10, 20, 30]);
  });

  it('radius 64 on a 6x6 constant image, window far wider than the image: the constant', () => {
    const truth = greyImage(6, 6, () => 201);
    const mask = rectMask(6, 6, 1, 2, 4, 5);
    expect(teleaInpaint(fillHole(truth, mask, 0), mask, 64).rgb).toEqual(truth.rgb);
  });

  it('empty mask: the image comes back unchanged', () => {
    const input = greyImage(5, 4, (x, y) => x * 10 + y);
    expect(teleaInpaint(input, createMask(5, 4), 3).rgb).toEqual(input.rgb);
  });

  it('the same input gives the same output', () => {
    const input = greyImage(30, 30, (x, y) => (x * x + 7 * y) % 256);
    const mask = rectMask(30, 30, 6, 4, 25, 20);
    expect(teleaInpaint(input, mask, 4).rgb).toEqual(teleaInpaint(input, mask, 4).rgb);
  });

  it('radius 0 throws InvalidOptionError', () => {
    expect(() => teleaInpaint(greyImage(4, 4, () => 0), rectMask(4, 4, 1, 1, 2, 2), 0)).toThrow(InvalidOptionError);
  });

  it('radius 2.5 throws InvalidOptionError', () => {
    expect(() => teleaInpaint(greyImage(4, 4, () => 0), rectMask(4, 4, 1, 1, 2, 2), 2.5)).toThrow(InvalidOptionError);
  });

  it('a mask of another size throws SizeMismatchError', () => {
    expect(() => teleaInpaint(greyImage(4, 4, () => 0), createMask(4, 5), 3)).toThrow(SizeMismatchError);
  });

  it('a mask covering every pixel throws MaskCoversEverythingError', () => {
    const full = createMask(3, 3, new Uint8Array(9).fill(1));
    expect(() => teleaInpaint(greyImage(3, 3, () => 0), full, 3)).toThrow(MaskCoversEverythingError);
  });
});
