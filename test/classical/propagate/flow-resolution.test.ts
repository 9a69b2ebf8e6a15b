import { describe, expect, it } from 'vitest';
import { createMask } from '../../../src/core/image.js';
import { flowHalvings, shrinkMask } from '../../../src/classical/propagate/flow-resolution.js';
import { flowAt } from '../../../src/classical/propagate/scaled-flow.js';
import { createFlowField } from '../../../src/classical/flow/flow-field.js';

describe('flow resolution', () => {
  it('halves until the longer side fits flowSize; 0 never halves', () => {
    expect(flowHalvings(432, 320, 640)).toBe(0);
    expect(flowHalvings(1280, 720, 640)).toBe(1);
    expect(flowHalvings(1920, 1080, 640)).toBe(2);
    expect(flowHalvings(1921, 1080, 961)).toBe(1);
    expect(flowHalvings(3840, 2160, 0)).toBe(0);
  });

  it('a shrunk mask keeps every hole pixel: a block is a hole when any of its pixels is', () => {
    const mask = createMask(5, 3);
    mask.data[1 * 5 + 4] = 1; // (4, 1): the last, half-covered column
    const once = shrinkMask(mask, 1);
    expect([once.width, once.height]).toEqual([3, 2]);
    expect(Array.from(once.data)).toEqual([0, 0, 1, 0, 0, 0]);
    const twice = shrinkMask(mask, 2);
    expect([twice.width, twice.height]).toEqual([2, 1]);
    expect(Array.from(twice.data)).toEqual([0, 1]);
  });

  it('flowAt reads a reduced field in full-size pixels, centres aligned', () => {
    // A field at half size holding u = its own x, v = 1: full-size displacement doubles.
    const field = createFlowField(4, 2);
    for (let y = 0; y < 2; y++) for (let x = 0; x < 4; x++) field.data.set([x, 1], 2 * (y * 4 + x));
    const out = new Float32Array(2);
    flowAt({ field, scale: 2 }, 2.5, 1.5, out); // the centre of reduced pixel (1, 0.5)
    expect(Array.from(out)).toEqual([2, 2]);
    flowAt({ field, scale: 1 }, 3, 1, out); // at full size: the pixel itself
    expect(Array.from(out)).toEqual([3, 1]);
  });
});
