import { InvalidOptionError } from '../core/errors.js';

/** Accepted hole ratios, `[min, max]`, as fractions of the mask's pixels: 0 < min <= max < 1. */
export type RatioRange = readonly [min: number, max: number];

/** Accepted hole sizes in pixels, both ends included. */
export interface HoleCountRange {
  readonly lo: number;
  readonly hi: number;
}

const ratioExpected = 'a hole ratio range [min, max] with 0 < min <= max < 1';

/** Throws InvalidOptionError naming `option` unless `ratio` is a valid RatioRange. */
export function checkRatioRange(ratio: unknown, option = 'ratio'): asserts ratio is RatioRange {
  if (
    !Array.isArray(ratio) ||
    ratio.length !== 2 ||
    !ratio.every((r) => typeof r === 'number' && Number.isFinite(r)) ||
    !(ratio[0] > 0 && ratio[0] <= ratio[1] && ratio[1] < 1)
  ) {
    throw new InvalidOptionError(option, ratioExpected, ratio);
  }
}

/**
 * Reads a ratio range as typed on the command line: "0.2-0.3" (a range) or "0.25" (one value,
 * the range [0.25, 0.25]). Errors name `--ratio`.
 */
export function parseRatioRange(text: string): [number, number] {
  const match = /^\s*(\d*\.?\d+)\s*(?:-\s*(\d*\.?\d+)\s*)?$/.exec(text);
  const bad = (): InvalidOptionError =>
    new InvalidOptionError('--ratio', 'a hole ratio "MIN-MAX" or "VALUE" with 0 < MIN <= MAX < 1', text);
  if (!match) throw bad();
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (!(min > 0 && min <= max && max < 1)) throw bad();
  return [min, max];
}

/**
 * The hole sizes, in whole pixels, that a ratio range admits on a mask of `pixels` pixels. When no
 * whole count falls inside (a single value such as 0.3 on 8x8, where 0.3 would be 19.2 pixels),
 * the count nearest the middle of the range is the target: the result is then off by less than
 * one pixel, which no mask can avoid.
 */
export function holeCountRange(ratio: RatioRange, pixels: number): HoleCountRange {
  // A tolerance far below one pixel absorbs float error such as 0.1 * 100 = 10.000000000000002.
  const tolerance = 1e-9;
  let lo = Math.ceil(ratio[0] * pixels - tolerance);
  let hi = Math.min(pixels - 1, Math.floor(ratio[1] * pixels + tolerance));
  if (lo > hi) lo = hi = Math.min(pixels - 1, Math.round(((ratio[0] + ratio[1]) / 2) * pixels));
  if (hi < 1) {
    throw new InvalidOptionError('ratio', `a hole ratio range holding at least one of the ${pixels} pixels`, ratio);
  }
  return { lo: Math.max(lo, 1), hi };
}
