import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { freeFormMask, strokeAttemptsPerSquare } from '../../src/masks/free-form.js';
import { createRng, type Rng } from '../../src/masks/random.js';
import type { RatioRange } from '../../src/masks/ratio-range.js';
import { countComponents, holeRatio, interiorShare, isBinary, sameData } from './mask-shape.js';
import { thrownBy } from './thrown-by.js';

const ranges: RatioRange[] = [
  [0.1, 0.2],
  [0.3, 0.4],
  [0.5, 0.6],
];

function mask256(ratio: RatioRange, seed: number) {
  return freeFormMask({ width: 256, height: 256, ratio, rng: createRng(seed) });
}

describe('freeFormMask', () => {
  it('same seed gives the same mask', () => {
    expect(sameData(mask256([0.2, 0.3], 5), mask256([0.2, 0.3], 5))).toBe(true);
  });

  it('different seeds give different masks', () => {
    expect(sameData(mask256([0.2, 0.3], 5), mask256([0.2, 0.3], 6))).toBe(false);
  });

  // The give-up path may return a mask outside the range: count how often (never, here).
  it.each(ranges)('50 masks at ratio %s-%s on 256x256: none outside the range, all 0/1', (min, max) => {
    const outside: string[] = [];
    for (let seed = 0; seed < 50; seed++) {
      const mask = mask256([min, max], seed);
      expect(isBinary(mask)).toBe(true);
      const ratio = holeRatio(mask);
      if (ratio < min || ratio > max) outside.push(`seed ${seed}: ${ratio}`);
    }
    expect(outside).toEqual([]);
  });

  it.each(ranges)('50 masks at ratio %s-%s: brush strokes, 1 to 10 separate strokes, most pixels 2+ px inside', (min, max) => {
    for (let seed = 0; seed < 50; seed++) {
      const mask = mask256([min, max], seed);
      const components = countComponents(mask);
      expect(components).toBeGreaterThanOrEqual(1);
      expect(components).toBeLessThanOrEqual(10);
      // Brushes are 10 to 40 px wide: a hairline or a speckle would fail this.
      expect(interiorShare(mask, 2)).toBeGreaterThan(0.5);
    }
  });

  it.each([
    [8, 8],
    [8, 8192],
    [300, 40],
    [33, 257],
  ])('%sx%s at ratio 0.2-0.3 has the requested size and ratio', (width, height) => {
    const mask = freeFormMask({ width, height, ratio: [0.2, 0.3], rng: createRng(1) });
    expect([mask.width, mask.height, mask.data.length]).toEqual([width, height, width * height]);
    expect(holeRatio(mask)).toBeGreaterThanOrEqual(0.2);
    expect(holeRatio(mask)).toBeLessThanOrEqual(0.3);
  });

  it('a single ratio 0.25 on 256x256 is met exactly (16384 hole pixels)', () => {
    for (let seed = 0; seed < 10; seed++) expect(holeRatio(mask256([0.25, 0.25], seed))).toBe(0.25);
  });

  it('gives up after strokeAttemptsPerSquare strokes when strokes stop adding pixels', () => {
    // Every stroke is the same stroke, so after the first nothing new is ever covered.
    let strokes = 0;
    const stuck: Rng = {
      next: () => 0.5,
      int: (_lo, hi) => (strokes++, hi),
      uniform: (lo, hi) => (lo + hi) / 2,
      state: () => 0,
    };
    const mask = freeFormMask({ width: 64, height: 64, ratio: [0.8, 0.9], rng: stuck });
    expect(strokes).toBe(strokeAttemptsPerSquare);
    expect(isBinary(mask)).toBe(true);
    expect(holeRatio(mask)).toBeGreaterThan(0);
    expect(holeRatio(mask)).toBeLessThan(0.8);
  });

  it.each([
    ['width', { width: 7 }],
    ['width', { width: 8193 }],
    ['width', { width: 100.5 }],
    ['width', { width: '256' }],
    ['height', { height: 0 }],
    ['height', { height: -5 }],
    ['ratio', { ratio: [0.3, 0.2] }],
    ['ratio', { ratio: [0, 0.2] }],
    ['ratio', { ratio: [0.5, 1] }],
    ['ratio', { ratio: [0.0001, 0.0001] }],
  ])('bad %s %j throws InvalidOptionError naming it', (option, bad) => {
    const options = { width: 64, height: 64, ratio: [0.2, 0.3], rng: createRng(0), ...bad };
    // Deliberately ill-typed, as a caller from plain JavaScript could pass.
    const error = thrownBy(() => freeFormMask(options as unknown as Parameters<typeof freeFormMask>[0]));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toMatchObject({ option });
  });
});
