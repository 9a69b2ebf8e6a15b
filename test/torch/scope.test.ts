/** Deterministic memory: dispose, tidy, keep. */
import { expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { keep, ones, tidy, zeros, type Tensor } from '../../src/torch/index.js';
import { describeWithEngine, valuesOf } from './engine.js';

describeWithEngine('memory scopes', () => {
  it('tidy disposes the tensors made inside and keeps the returned one', () => {
    let inner: Tensor | undefined;
    const result = tidy(() => {
      inner = ones([2]);
      return inner.add(1);
    });
    expect(inner!.isDisposed).toBe(true);
    expect(result.isDisposed).toBe(false);
    expect(valuesOf(result)).toEqual([2, 2]);
    result.dispose();
  });

  it('tidy keeps the tensors of a returned array or object', () => {
    const { a, list } = tidy(() => ({ a: zeros([1]), list: [ones([1]), ones([2])] }));
    expect([a, ...list].every((t) => !t.isDisposed)).toBe(true);
    [a, ...list].forEach((t) => t.dispose());
  });

  it('a tensor returned from an inner tidy is disposed by the outer one', () => {
    let fromInner: Tensor | undefined;
    tidy(() => {
      fromInner = tidy(() => ones([3]));
      expect(fromInner.isDisposed).toBe(false);
    });
    expect(fromInner!.isDisposed).toBe(true);
  });

  it('keep saves a tensor from every open scope', () => {
    const kept = tidy(() => {
      keep(ones([2]).mul(5));
      return undefined;
    });
    expect(kept).toBeUndefined();
    let saved: Tensor | undefined;
    tidy(() => {
      saved = keep(ones([1]));
    });
    expect(saved!.isDisposed).toBe(false);
    saved!.dispose();
  });

  it('tidy disposes what was made before its function threw, and rethrows', () => {
    let made: Tensor | undefined;
    expect(() =>
      tidy(() => {
        made = ones([2]);
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(made!.isDisposed).toBe(true);
  });

  it('tidy with an async function throws InvalidInputError', () => {
    expect(() => tidy(async () => ones([1]))).toThrow(InvalidInputError);
  });

  it('dispose twice is harmless; using a disposed tensor throws an error saying so', () => {
    const t = ones([2]);
    t.dispose();
    t.dispose();
    expect(() => t.shape).toThrow(/disposed/);
    expect(() => ones([2]).add(t)).toThrow(/disposed/);
  });
});
