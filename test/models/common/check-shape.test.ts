import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/core/errors.js';
import { checkShape, ShapeCheck } from '../../../src/models/common/check-shape.js';

const t = (...shape: number[]) => ({ shape });

describe('ShapeCheck', () => {
  it('accepts tensors whose dims agree, binding names on first sight (B|1 broadcasts)', () => {
    const shapes = new ShapeCheck('Net').check('x', t(2, 5, 48, 40), ['B', 5, 'H', 'W']).check('mask', t(1, 1, 48, 40), ['B|1', 1, 'H', 'W']);
    expect(() => shapes.multipleOf(['H', 'W'], 8)).not.toThrow();
    expect(() => shapes.check('other', t(2, 3, 48, 40), ['B', 3, 'H', 'W'])).not.toThrow();
  });

  it('a wrong channel count: InvalidInputError naming the input, the expected shape and the received one', () => {
    const error = (() => {
      try {
        new ShapeCheck('DeepFillGenerator').check('x', t(1, 4, 48, 48), ['B', 5, 'H', 'W']);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe('DeepFillGenerator input x: expected a tensor of shape [B, 5, H, W] but received shape [1, 4, 48, 48]');
  });

  it('a second tensor disagreeing with a bound dim says where the dim was bound', () => {
    const shapes = new ShapeCheck('Net').check('x', t(1, 5, 48, 40), ['B', 5, 'H', 'W']);
    expect(() => shapes.check('mask', t(1, 1, 40, 40), ['B|1', 1, 'H', 'W']))
      .toThrow('Net input mask: expected a tensor of shape [B|1, 1, H, W] where B = 1 (from x), H = 48 (from x), W = 40 (from x) but received shape [1, 1, 40, 40]');
  });

  it('a wrong rank, and a size off the grid, are input errors', () => {
    expect(() => checkShape(t(5, 48, 48), ['B', 'C', 'H', 'W'], 'image')).toThrow(InvalidInputError);
    expect(() => new ShapeCheck('Net').check('x', t(1, 5, 44, 48), ['B', 5, 'H', 'W']).multipleOf(['H', 'W'], 8))
      .toThrow('Net input x: expected H a multiple of 8 but received H = 44');
  });
});
