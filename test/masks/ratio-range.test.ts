import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { checkRatioRange, holeCountRange, parseRatioRange } from '../../src/masks/ratio-range.js';
import { thrownBy } from './thrown-by.js';

describe('parseRatioRange', () => {
  it('"0.2-0.3" is [0.2, 0.3]', () => {
    expect(parseRatioRange('0.2-0.3')).toEqual([0.2, 0.3]);
  });

  it('"0.25" is [0.25, 0.25]', () => {
    expect(parseRatioRange('0.25')).toEqual([0.25, 0.25]);
  });

  it('" 0.1 - .5 " (spaces, no leading zero) is [0.1, 0.5]', () => {
    expect(parseRatioRange(' 0.1 - .5 ')).toEqual([0.1, 0.5]);
  });

  it.each(['0.3-0.2', 'abc', '1.5', '0', '0-0.3', '0.2-1', '-0.2', '0.2-', '', '0.2-0.3-0.4', '20-30'])(
    '"%s" throws InvalidOptionError naming --ratio',
    (text) => {
      const error = thrownBy(() => parseRatioRange(text));
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error).toMatchObject({ option: '--ratio', received: text });
    },
  );
});

describe('checkRatioRange', () => {
  it('accepts [0.1, 0.2] and [0.5, 0.5]', () => {
    expect(() => checkRatioRange([0.1, 0.2])).not.toThrow();
    expect(() => checkRatioRange([0.5, 0.5])).not.toThrow();
  });

  it.each([
    ['reversed', [0.3, 0.2]],
    ['zero min', [0, 0.2]],
    ['max of 1', [0.2, 1]],
    ['negative', [-0.1, 0.2]],
    ['NaN', [Number.NaN, 0.2]],
    ['one number', [0.2]],
    ['three numbers', [0.1, 0.2, 0.3]],
    ['a string', '0.2-0.3'],
    ['a number', 0.2],
    ['strings', ['0.1', '0.2']],
  ])('%s throws InvalidOptionError naming ratio', (_case, ratio) => {
    expect(() => checkRatioRange(ratio)).toThrow(InvalidOptionError);
    expect(() => checkRatioRange(ratio)).toThrow(/for ratio /);
  });
});

describe('holeCountRange', () => {
  it('[0.2, 0.3] of 100 pixels is 20..30', () => {
    expect(holeCountRange([0.2, 0.3], 100)).toEqual({ lo: 20, hi: 30 });
  });

  it('absorbs float error: [0.1, 0.1] of 100 pixels is exactly 10', () => {
    expect(holeCountRange([0.1, 0.1], 100)).toEqual({ lo: 10, hi: 10 });
  });

  it('rounds inwards: [0.21, 0.29] of 64 pixels is 14..18', () => {
    // 13.44 .. 18.56
    expect(holeCountRange([0.21, 0.29], 64)).toEqual({ lo: 14, hi: 18 });
  });

  it('a single value with no whole count (0.3 of 64 = 19.2) targets the nearest count, 19', () => {
    expect(holeCountRange([0.3, 0.3], 64)).toEqual({ lo: 19, hi: 19 });
  });

  it('a range below one pixel (0.001 of 64) throws InvalidOptionError naming ratio', () => {
    expect(() => holeCountRange([0.001, 0.001], 64)).toThrow(InvalidOptionError);
    expect(() => holeCountRange([0.001, 0.001], 64)).toThrow(/for ratio /);
  });

  it('never asks for every pixel: [0.99, 0.999] of 64 pixels stops at 63', () => {
    expect(holeCountRange([0.99, 0.999], 64)).toEqual({ lo: 63, hi: 63 });
  });
});
