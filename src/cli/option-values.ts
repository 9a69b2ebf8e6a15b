import { InvalidOptionError } from '../core/errors.js';

/** Method options from `--set key=value`, before the method's schema validates them. */
export type RawOptions = Record<string, unknown>;

const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A `--set` value as typed: numbers become numbers, true/false booleans, the rest stays text. */
export function convertSetValue(text: string): number | boolean | string {
  if (numberPattern.test(text)) return Number(text);
  if (text === 'true') return true;
  if (text === 'false') return false;
  return text;
}

/** Commander argument parser for repeatable `--set key=value`, collecting into one object. */
export function collectSetOption(pair: string, previous: RawOptions = {}): RawOptions {
  const equals = pair.indexOf('=');
  const key = equals > 0 ? pair.slice(0, equals).trim() : '';
  if (!key) throw new InvalidOptionError('--set', 'key=value (for example radius=5)', pair);
  return { ...previous, [key]: convertSetValue(pair.slice(equals + 1).trim()) };
}

/** Commander argument parser for a whole number in [min, max], naming `flag` when it is not. */
export function integerParser(flag: string, min: number, max = Number.MAX_SAFE_INTEGER): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^\s*[+-]?\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidOptionError(flag, max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer between ${min} and ${max}`, text);
    }
    return value;
  };
}

/** `--size 256` (square) or `--size 320x240` (width x height). */
export function parseSize(text: string): { width: number; height: number } {
  const match = /^\s*(\d+)\s*(?:[xX]\s*(\d+)\s*)?$/.exec(text);
  if (!match) throw new InvalidOptionError('--size', 'a size such as 256 or 320x240', text);
  const width = Number(match[1]);
  return { width, height: match[2] === undefined ? width : Number(match[2]) };
}

/** Commander argument parser for a repeatable `flag X,Y` (pixels from the top-left corner), collected in order. */
export function pointCollector(flag: string): (text: string, previous?: readonly { x: number; y: number }[]) => { x: number; y: number }[] {
  return (text, previous = []) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
    if (!match) throw new InvalidOptionError(flag, 'X,Y in pixels from the top-left corner, such as 120,80', text);
    return [...previous, { x: Number(match[1]), y: Number(match[2]) }];
  };
}
