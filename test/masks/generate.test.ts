import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { holeBounds, holeCount } from '../../src/core/image.js';
import { generateMasks, type GenerateMasksOptions } from '../../src/masks/generate.js';
import { holeRatio, isBinary, sameData } from './mask-shape.js';
import { thrownBy } from './thrown-by.js';

const base: GenerateMasksOptions = { width: 64, height: 48, count: 4, ratio: [0.2, 0.3], seed: 1 };

describe('generateMasks', () => {
  it('yields count masks of the requested size, 0/1, within the ratio range', () => {
    const masks = [...generateMasks(base)];
    expect(masks).toHaveLength(4);
    for (const mask of masks) {
      expect([mask.width, mask.height]).toEqual([64, 48]);
      expect(isBinary(mask)).toBe(true);
      expect(holeRatio(mask)).toBeGreaterThanOrEqual(0.2);
      expect(holeRatio(mask)).toBeLessThanOrEqual(0.3);
    }
  });

  it('same seed gives the same masks; different seed gives different ones', () => {
    const a = [...generateMasks(base)], b = [...generateMasks(base)], c = [...generateMasks({ ...base, seed: 2 })];
    expect(a.every((mask, i) => sameData(mask, b[i]))).toBe(true);
    expect(a.every((mask, i) => !sameData(mask, c[i]))).toBe(true);
  });

  it('the masks of one batch differ from one another', () => {
    const [first, second] = generateMasks(base);
    expect(sameData(first, second)).toBe(false);
  });

  it('the first 3 masks are the same whether 3 or 10 are asked for', () => {
    const three = [...generateMasks({ ...base, count: 3 })];
    const ten = [...generateMasks({ ...base, count: 10 })];
    expect(three.every((mask, i) => sameData(mask, ten[i]))).toBe(true);
  });

  it('seed defaults to 0 and kind to free-form', () => {
    const implicit = [...generateMasks({ width: 64, height: 64, count: 2, ratio: [0.2, 0.3] })];
    const explicit = [...generateMasks({ width: 64, height: 64, count: 2, ratio: [0.2, 0.3], seed: 0, kind: 'free-form' })];
    expect(implicit.every((mask, i) => sameData(mask, explicit[i]))).toBe(true);
  });

  it('kind box yields single rectangles', () => {
    for (const mask of generateMasks({ ...base, kind: 'box', count: 10 })) {
      const b = holeBounds(mask)!;
      expect((b.x1 - b.x0) * (b.y1 - b.y0)).toBe(holeCount(mask));
    }
  });

  it.each([
    ['kind', { kind: 'circle' }],
    ['width', { width: 7 }],
    ['width', { width: 8193 }],
    ['width', { width: 64.5 }],
    ['height', { height: -48 }],
    ['height', { height: '48' }],
    ['count', { count: 0 }],
    ['count', { count: 2.5 }],
    ['count', { count: '3' }],
    ['count', { count: 1e20 }],
    ['ratio', { ratio: [0.3, 0.2] }],
    ['ratio', { ratio: [0, 0.3] }],
    ['ratio', { ratio: [0.2, 1] }],
    ['ratio', { ratio: [0.2] }],
    ['ratio', { ratio: [0.0001, 0.0002] }],
    ['seed', { seed: -1 }],
    ['seed', { seed: 0.5 }],
    ['seed', { seed: 2 ** 32 }],
  ])('bad %s %j throws InvalidOptionError naming it, at the call', (option, bad) => {
    // Deliberately ill-typed, as a caller from plain JavaScript could pass.
    const options = { ...base, ...bad } as unknown as GenerateMasksOptions;
    // Thrown by generateMasks itself, before the first mask is asked for.
    const error = thrownBy(() => generateMasks(options));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toMatchObject({ option });
  });
});
