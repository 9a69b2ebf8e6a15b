import { describe, expect, it } from 'vitest';
import { createImage, createMask, type Image, type Mask } from '../../src/core/image.js';
import { SizeMismatchError } from '../../src/core/errors.js';
import { TemporalStability } from '../../src/metrics/temporal-stability.js';

const W = 4, H = 2;

/** A 4x2 frame with every channel of every pixel at `value`, except the given pixels. */
function frame(value: number, pixels: Record<number, [number, number, number]> = {}): Image {
  const rgb = new Uint8Array(W * H * 3).fill(value);
  for (const [i, c] of Object.entries(pixels)) rgb.set(c, Number(i) * 3);
  return createImage(W, H, rgb);
}

function mask(...holes: number[]): Mask {
  const data = new Uint8Array(W * H);
  for (const i of holes) data[i] = 1;
  return createMask(W, H, data);
}

describe('TemporalStability', () => {
  it('one pair: mean |change| over the union of the holes, output over truth', () => {
    const s = new TemporalStability();
    // Holes: pixel 0 in the first frame, pixel 1 in the second; union {0, 1}, 6 values.
    s.add(frame(10), frame(100), mask(0));
    s.add(frame(10, { 0: [40, 10, 10], 1: [10, 10, 70] }), frame(100, { 1: [103, 100, 100] }), mask(1));
    // Output changes 30 + 60 over 6 values = 15; truth changes 3 over 6 values = 0.5.
    expect(s.pairs).toBe(1);
    expect(s.value()).toBeCloseTo(15 / 0.5, 12);
  });

  it('changes outside the union count for nothing', () => {
    const s = new TemporalStability();
    s.add(frame(10), frame(100), mask(0));
    s.add(frame(10, { 0: [12, 10, 10], 7: [255, 255, 255] }), frame(100, { 0: [101, 100, 100], 5: [0, 0, 0] }), mask(0));
    expect(s.value()).toBeCloseTo(2, 12);
  });

  it('sums per-pair means (not pixels): a pair with a small union weighs as much as one with a large union', () => {
    const s = new TemporalStability();
    s.add(frame(0), frame(0), mask(0, 1, 2, 3, 4, 5, 6));
    // Pair 1: union of 7 pixels, output change 7 on one value of 21 -> 1/3; truth change 21*1/21 = 1.
    s.add(frame(0, { 0: [7, 0, 0] }), frame(1), mask(0));
    // Pair 2: union {0}, output change 7 -> 7/3 per value; truth change 1 -> 1.
    s.add(frame(0), frame(0), mask(0));
    expect(s.pairs).toBe(2);
    expect(s.value()).toBeCloseTo((1 / 3 + 7 / 3) / (1 + 1), 12);
  });

  it('a pair whose holes are both empty is skipped on both sides', () => {
    const withEmpty = new TemporalStability();
    withEmpty.add(frame(0), frame(0), mask(2));
    withEmpty.add(frame(0, { 2: [9, 9, 9] }), frame(3), mask(2));
    withEmpty.add(frame(50), frame(80), mask());
    withEmpty.add(frame(90), frame(20), mask());
    expect(withEmpty.pairs).toBe(2);
    // Pair 2 (union {2}): output |50-9| = 41, truth |80-3| = 77; pair 3 has no hole.
    expect(withEmpty.value()).toBeCloseTo((9 + 41) / (3 + 77), 12);
  });

  it('a still ground truth divides by the 1e-9 floor, as the reference does', () => {
    const s = new TemporalStability();
    s.add(frame(5), frame(5), mask(0));
    s.add(frame(5, { 0: [6, 5, 5] }), frame(5), mask(0));
    expect(s.value()).toBeCloseTo(1 / 3 / 1e-9, 0);
  });

  it('no pair yet: 0', () => {
    const s = new TemporalStability();
    expect(s.value()).toBe(0);
    s.add(frame(5), frame(5), mask(0));
    expect(s.value()).toBe(0);
  });

  it('a frame of another size than the previous one throws SizeMismatchError', () => {
    const s = new TemporalStability();
    s.add(frame(0), frame(0), mask(0));
    const small = createImage(2, 2);
    expect(() => s.add(small, small, createMask(2, 2))).toThrow(SizeMismatchError);
  });
});
