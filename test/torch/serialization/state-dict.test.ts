/** compareStateDict: one error listing every missing key, unexpected key and shape mismatch. */
import { describe, expect, it } from 'vitest';
import { StateDictMismatchError } from '../../../src/core/errors.js';
import { compareStateDict } from '../../../src/torch/index.js';

const shapes = (entries: [string, number[]][]): Map<string, { shape: number[] }> =>
  new Map(entries.map(([key, shape]) => [key, { shape }]));

const expectedShapes = shapes([
  ['conv.weight', [4, 3, 3, 3]],
  ['conv.bias', [4]],
  ['norm.running_mean', [4]],
]);

describe('compareStateDict', () => {
  it('a state dict with the same keys and shapes passes', () => {
    expect(() => compareStateDict(expectedShapes, shapes([...expectedShapes].map(([k, v]) => [k, v.shape])))).not.toThrow();
  });

  it('lists missing and unexpected keys and shape mismatches, with shapes, in one error', () => {
    const given = shapes([
      ['conv.weight', [4, 3, 5, 5]],
      ['conv.bias', [4]],
      ['head.weight', [2, 4]],
    ]);
    let error: unknown;
    try {
      compareStateDict(expectedShapes, given);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StateDictMismatchError);
    const mismatch = error as StateDictMismatchError;
    expect(mismatch.missing).toEqual([{ key: 'norm.running_mean', shape: [4] }]);
    expect(mismatch.unexpected).toEqual([{ key: 'head.weight', shape: [2, 4] }]);
    expect(mismatch.shapeMismatches).toEqual([{ key: 'conv.weight', expected: [4, 3, 3, 3], received: [4, 3, 5, 5] }]);
    expect(mismatch.isInputError).toBe(true);
    expect(mismatch.message).toBe(
      'the state dict does not fit the module: missing keys: norm.running_mean [4]; ' +
        'unexpected keys: head.weight [2, 4]; ' +
        'shape mismatches: conv.weight expected [4, 3, 3, 3] but received [4, 3, 5, 5]',
    );
  });

  it('strict: false lets missing and unexpected keys pass but not a shape mismatch', () => {
    expect(() => compareStateDict(expectedShapes, shapes([['conv.bias', [4]], ['extra', [1]]]), { strict: false })).not.toThrow();
    expect(() => compareStateDict(expectedShapes, shapes([['conv.bias', [5]]]), { strict: false })).toThrow(
      /^the state dict does not fit the module: shape mismatches: conv.bias expected \[4\] but received \[5\]$/,
    );
  });

  it('a scalar and a one-element vector are different shapes', () => {
    expect(() => compareStateDict(shapes([['step', []]]), shapes([['step', [1]]]))).toThrow(StateDictMismatchError);
  });
});
