import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { holeBounds, holeCount, type Mask } from '../../src/core/image.js';
import { boxMask, centerSquareMask } from '../../src/masks/box.js';
import { createRng } from '../../src/masks/random.js';
import { holeRatio, isBinary, sameData } from './mask-shape.js';
import { thrownBy } from './thrown-by.js';

/** Whether the hole is exactly one filled axis-aligned rectangle. */
function isOneRectangle(mask: Mask): boolean {
  const b = holeBounds(mask);
  return b !== null && (b.x1 - b.x0) * (b.y1 - b.y0) === holeCount(mask);
}

describe('boxMask', () => {
  it('same seed gives the same box, different seeds different boxes', () => {
    const box = (seed: number) => boxMask({ width: 256, height: 256, ratio: [0.1, 0.3], rng: createRng(seed) });
    expect(sameData(box(4), box(4))).toBe(true);
    expect(sameData(box(4), box(5))).toBe(false);
  });

  it.each([
    [0.1, 0.2],
    [0.3, 0.4],
    [0.5, 0.6],
  ])('50 boxes at ratio %s-%s on 256x256 are 0/1 rectangles within the range', (min, max) => {
    for (let seed = 0; seed < 50; seed++) {
      const mask = boxMask({ width: 256, height: 256, ratio: [min, max], rng: createRng(seed) });
      expect(isBinary(mask)).toBe(true);
      expect(isOneRectangle(mask)).toBe(true);
      expect(holeRatio(mask)).toBeGreaterThanOrEqual(min);
      expect(holeRatio(mask)).toBeLessThanOrEqual(max);
    }
  });

  it('boxes vary in shape and place: 20 seeds give at least 15 different bounds', () => {
    const bounds = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      bounds.add(JSON.stringify(holeBounds(boxMask({ width: 256, height: 256, ratio: [0.2, 0.3], rng: createRng(seed) }))));
    }
    expect(bounds.size).toBeGreaterThanOrEqual(15);
  });

  it('a 300x40 mask at 0.5-0.6 gets a box in range that fits inside it', () => {
    const mask = boxMask({ width: 300, height: 40, ratio: [0.5, 0.6], rng: createRng(2) });
    expect(isOneRectangle(mask)).toBe(true);
    expect(holeRatio(mask)).toBeGreaterThanOrEqual(0.5);
    expect(holeRatio(mask)).toBeLessThanOrEqual(0.6);
  });

  it('a single ratio 0.25 on 256x256 is met exactly', () => {
    const mask = boxMask({ width: 256, height: 256, ratio: [0.25, 0.25], rng: createRng(3) });
    expect(holeCount(mask)).toBe(16384);
    expect(isOneRectangle(mask)).toBe(true);
  });

  it('when no rectangle fits the range (0.9-0.95 of 8x8) the closest area is used', () => {
    // 58..60 holes: 59 is prime and 58 = 2 x 29, 60 = 6 x 10 do not fit 8x8; 7 x 8 = 56 is closest.
    const mask = boxMask({ width: 8, height: 8, ratio: [0.9, 0.95], rng: createRng(1) });
    expect(isOneRectangle(mask)).toBe(true);
    expect(holeCount(mask)).toBe(56);
  });

  it.each([
    ['width', { width: 4 }],
    ['height', { height: 10000 }],
    ['ratio', { ratio: [0.6, 0.5] }],
    ['ratio', { ratio: 0.5 }],
  ])('bad %s %j throws InvalidOptionError naming it', (option, bad) => {
    const options = { width: 64, height: 64, ratio: [0.2, 0.3], rng: createRng(0), ...bad };
    // Deliberately ill-typed, as a caller from plain JavaScript could pass.
    const error = thrownBy(() => boxMask(options as unknown as Parameters<typeof boxMask>[0]));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toMatchObject({ option });
  });
});

describe('centerSquareMask', () => {
  it('256x256 is the classic 128x128 square at (64, 64)', () => {
    const mask = centerSquareMask(256, 256);
    expect(holeBounds(mask)).toEqual({ x0: 64, y0: 64, x1: 192, y1: 192 });
    expect(holeCount(mask)).toBe(128 * 128);
  });

  it('432x320 is a 160x160 square centred on the image', () => {
    expect(holeBounds(centerSquareMask(432, 320))).toEqual({ x0: 136, y0: 80, x1: 296, y1: 240 });
  });

  it('a size below 8 throws InvalidOptionError naming width', () => {
    expect(thrownBy(() => centerSquareMask(7, 256))).toMatchObject({ name: 'InvalidOptionError', option: 'width' });
  });
});
