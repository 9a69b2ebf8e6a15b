import { describe, expect, it } from 'vitest';
import { patchMatchMethod } from '../../../src/classical/patchmatch/method.js';
import { InvalidOptionError } from '../../../src/core/errors.js';
import { parseOptions } from '../../../src/registry/parse-options.js';
import { thrownBy } from '../../masks/thrown-by.js';

describe('patchMatchMethod options', () => {
  it('no options: the documented defaults', () => {
    expect(parseOptions(patchMatchMethod, {})).toEqual({
      patchSize: 7,
      levels: 0,
      iterations: 3,
      textureWeight: 6,
      colourCorrection: 10,
      seed: 0,
    });
  });

  it('edge values accepted: patchSize 3 and 15, levels 0 and 10, iterations 1, seed 2^32-1, weights 0', () => {
    for (const options of [
      { patchSize: 3 },
      { patchSize: 15 },
      { levels: 0 },
      { levels: 10 },
      { iterations: 1 },
      { seed: 2 ** 32 - 1 },
      { textureWeight: 0, colourCorrection: 0 },
    ]) {
      expect(parseOptions(patchMatchMethod, options)).toMatchObject(options);
    }
  });

  it.each<[string, unknown, string]>([
    ['patchSize', 8, 'even'],
    ['patchSize', 1, 'below 3'],
    ['patchSize', 17, 'above 15'],
    ['patchSize', 7.5, 'not an integer'],
    ['patchSize', '7', 'a string'],
    ['levels', -1, 'negative'],
    ['levels', 11, 'above 10'],
    ['levels', 1.5, 'not an integer'],
    ['iterations', 0, 'zero'],
    ['iterations', 51, 'above 50'],
    ['seed', -1, 'negative'],
    ['seed', 0.5, 'not an integer'],
    ['seed', 2 ** 32, 'above 2^32-1'],
    ['textureWeight', -0.1, 'negative'],
    ['textureWeight', Number.NaN, 'NaN'],
    ['colourCorrection', -1, 'negative'],
    ['colourCorrection', 256, 'above 255'],
  ])('%s = %j (%s): InvalidOptionError naming the option and the value received', (option, value) => {
    const error = thrownBy(() => parseOptions(patchMatchMethod, { [option]: value }));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(`patchmatch option ${option}`);
    expect((error as InvalidOptionError).received).toEqual(value);
  });

  it('an unknown option name (patchsize): InvalidOptionError naming it and listing the real ones', () => {
    const error = thrownBy(() => parseOptions(patchMatchMethod, { patchsize: 9 }));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe('patchsize');
    expect((error as InvalidOptionError).message).toContain('patchSize');
  });

  it('context margin: at least 48 px, else the hole box\'s longer side', () => {
    const options = parseOptions(patchMatchMethod, {}) as Parameters<typeof patchMatchMethod.contextMargin>[2];
    expect(patchMatchMethod.contextMargin(3, 5, options)).toBe(48);
    expect(patchMatchMethod.contextMargin(120, 70, options)).toBe(120);
  });
});
