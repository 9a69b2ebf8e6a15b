import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { createMask, holeCount } from '../../src/core/image.js';
import { dilateMask } from '../../src/io/dilate-mask.js';

function singlePixel(size: number) {
  const mask = createMask(size, size);
  const c = (size - 1) / 2;
  mask.data[c * size + c] = 1;
  return mask;
}

/** Slow reference: every pixel within Euclidean distance r of a hole pixel. */
function dilateByDefinition(data: Uint8Array, width: number, height: number, r: number): number[] {
  const out: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let hit = 0;
      for (let sy = 0; sy < height && !hit; sy++) {
        for (let sx = 0; sx < width; sx++) {
          if (data[sy * width + sx] && (sx - x) ** 2 + (sy - y) ** 2 <= r * r) {
            hit = 1;
            break;
          }
        }
      }
      out.push(hit);
    }
  }
  return out;
}

describe('dilateMask', () => {
  it('radius 0: the same mask', () => {
    const mask = singlePixel(5);
    expect(dilateMask(mask, 0)).toBe(mask);
  });

  it('radius 1 on one pixel: a plus sign of 5 pixels (disk, not square)', () => {
    const out = dilateMask(singlePixel(5), 1);
    expect(holeCount(out)).toBe(5);
    expect(out.data[1 * 5 + 1]).toBe(0);
  });

  it('radius 3 on one pixel: the 29 pixels of the digital disk', () => {
    expect(holeCount(dilateMask(singlePixel(9), 3))).toBe(29);
  });

  it('radius 2 on a random 12x10 mask equals the definition', () => {
    const width = 12, height = 10;
    const mask = createMask(width, height);
    let seed = 7;
    for (let i = 0; i < mask.data.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      mask.data[i] = seed % 13 === 0 ? 1 : 0;
    }
    expect(Array.from(dilateMask(mask, 2).data)).toEqual(dilateByDefinition(mask.data, width, height, 2));
  });

  it('negative or fractional radius: InvalidOptionError', () => {
    expect(() => dilateMask(singlePixel(3), -1)).toThrow(InvalidOptionError);
    expect(() => dilateMask(singlePixel(3), 1.5)).toThrow(InvalidOptionError);
  });
});
