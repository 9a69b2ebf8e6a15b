import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { collectSetOption, convertSetValue, integerParser, parseSize } from '../../src/cli/option-values.js';

describe('convertSetValue', () => {
  it.each([
    ['5', 5],
    ['-2.5', -2.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['true', true],
    ['false', false],
    ['fast', 'fast'],
    ['5px', '5px'],
    ['', ''],
    ['0x10', '0x10'],
  ])('%j -> %j', (text, value) => {
    expect(convertSetValue(text)).toBe(value);
  });
});

describe('collectSetOption', () => {
  it('accumulates repeated --set into one object, the last value of a key winning', () => {
    let options = collectSetOption('radius=3');
    options = collectSetOption('mode=fast', options);
    options = collectSetOption('radius=5', options);
    expect(options).toEqual({ radius: 5, mode: 'fast' });
  });

  it('keeps "=" inside the value', () => {
    expect(collectSetOption('label=a=b')).toEqual({ label: 'a=b' });
  });

  it.each(['radius', '=3', ''])('%j: InvalidOptionError naming --set', (text) => {
    expect(() => collectSetOption(text)).toThrow(InvalidOptionError);
    expect(() => collectSetOption(text)).toThrow('--set');
  });
});

describe('integerParser', () => {
  const parse = integerParser('--dilate', 0);
  it('accepts 0 and 12', () => {
    expect(parse('0')).toBe(0);
    expect(parse('12')).toBe(12);
  });
  it.each(['-1', '1.5', 'two', ''])('%j: InvalidOptionError naming the flag', (text) => {
    expect(() => parse(text)).toThrow('--dilate');
  });
});

describe('parseSize', () => {
  it('256 is square, 320x240 is width x height', () => {
    expect(parseSize('256')).toEqual({ width: 256, height: 256 });
    expect(parseSize('320x240')).toEqual({ width: 320, height: 240 });
  });
  it.each(['big', '320x', 'x240', '-5'])('%j: InvalidOptionError naming --size', (text) => {
    expect(() => parseSize(text)).toThrow('--size');
  });
});
