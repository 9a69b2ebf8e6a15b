import { describe, expect, it } from 'vitest';
import { SizeMismatchError } from '../../src/core/errors.js';
import { createImage, createMask } from '../../src/core/image.js';
import { composite } from '../../src/metrics/composite.js';

describe('composite', () => {
  it('takes the hole from the output and every other pixel from the ground truth', () => {
    const output = createImage(3, 1, Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const truth = createImage(3, 1, Uint8Array.from([90, 91, 92, 93, 94, 95, 96, 97, 98]));
    const result = composite(output, truth, createMask(3, 1, Uint8Array.from([0, 1, 0])));
    expect([...result.rgb]).toEqual([90, 91, 92, 4, 5, 6, 96, 97, 98]);
  });

  it('leaves both inputs untouched', () => {
    const output = createImage(2, 1, Uint8Array.from([1, 1, 1, 1, 1, 1]));
    const truth = createImage(2, 1, Uint8Array.from([9, 9, 9, 9, 9, 9]));
    composite(output, truth, createMask(2, 1, Uint8Array.from([1, 0])));
    expect([...output.rgb]).toEqual([1, 1, 1, 1, 1, 1]);
    expect([...truth.rgb]).toEqual([9, 9, 9, 9, 9, 9]);
  });

  it('a mask of another size throws SizeMismatchError', () => {
    expect(() => composite(createImage(2, 2), createImage(2, 2), createMask(2, 3))).toThrow(SizeMismatchError);
  });

  it('an output of another size throws SizeMismatchError', () => {
    expect(() => composite(createImage(3, 2), createImage(2, 2), createMask(2, 2))).toThrow(SizeMismatchError);
  });
});
