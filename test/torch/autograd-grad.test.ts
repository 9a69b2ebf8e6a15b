/** autograd.grad: returned (not accumulated) gradients, and createGraph for a second derivative. */
import { expect, it } from 'vitest';
import { autograd, tensor, tidy } from '../../src/torch/index.js';
import { describeWithEngine, valuesOf } from './engine.js';

describeWithEngine('autograd.grad', () => {
  it('returns d(sum x³)/dx = 3x² without touching .grad', () => {
    tidy(() => {
      const x = tensor([1, -2, 0.5]).requiresGrad_();
      const [g] = autograd.grad(x.pow(3).sum(), x);
      expect(valuesOf(g!)).toEqual([3, 12, 0.75]);
      expect(x.grad).toBeUndefined();
    });
  });

  it('with createGraph the gradient is differentiable: d/dx sum(3x²) = 6x', () => {
    tidy(() => {
      const x = tensor([1, -2, 0.5]).requiresGrad_();
      const [g] = autograd.grad(x.pow(3).sum(), x, { createGraph: true });
      expect(g!.requiresGrad).toBe(true);
      g!.sum().backward();
      expect(valuesOf(x.grad!)).toEqual([6, -12, 3]);
    });
  });

  it('without createGraph the gradient is a constant', () => {
    tidy(() => {
      const x = tensor([1, 2]).requiresGrad_();
      const [g] = autograd.grad(x.pow(3).sum(), x);
      expect(g!.requiresGrad).toBe(false);
    });
  });

  it('gradOutputs weights a non-scalar output; allowUnused gives undefined for an unused input', () => {
    tidy(() => {
      const x = tensor([1, 2]).requiresGrad_();
      const unused = tensor([5]).requiresGrad_();
      const [gx, gu] = autograd.grad(x.mul(x), [x, unused], { gradOutputs: [tensor([1, 10])], allowUnused: true });
      expect(valuesOf(gx!)).toEqual([2, 40]);
      expect(gu).toBeUndefined();
      expect(() => autograd.grad(x.mul(3).sum(), [x, tensor([1]).requiresGrad_()])).toThrow(/not have been used/);
    });
  });
});
