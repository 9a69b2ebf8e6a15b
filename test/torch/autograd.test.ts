/** Gradients of an op chain against python3-torch (gradients.json) to 1e-4, and grad-mode scopes. */
import { expect, it } from 'vitest';
import { F, isGradEnabled, noGrad, randn, tensor, tidy } from '../../src/torch/index.js';
import { describeWithEngine, expectClose, fromStored, readFixture, valuesOf, type StoredTensor } from './engine.js';

interface GradientFixture {
  torch: string;
  inputs: Record<'x' | 'w' | 'b' | 'w2', StoredTensor>;
  loss: number;
  grads: Record<'x' | 'w' | 'b' | 'w2', StoredTensor>;
}

const fixture = readFixture<GradientFixture>('gradients.json');

describeWithEngine('autograd', () => {
  it(`dilated conv2d, leaky_relu, nearest x2, strided conv2d, tanh, mean of squares: gradients match python3-torch ${fixture.torch}`, () => {
    tidy(() => {
      const x = fromStored(fixture.inputs.x).requiresGrad_();
      const w = fromStored(fixture.inputs.w).requiresGrad_();
      const b = fromStored(fixture.inputs.b).requiresGrad_();
      const w2 = fromStored(fixture.inputs.w2).requiresGrad_();
      let h = F.leakyRelu(F.conv2d(x, w, b, { padding: 2, dilation: 2 }), 0.2);
      h = F.interpolate(h, { scaleFactor: 2 });
      h = F.tanh(F.conv2d(h, w2, null, { stride: 2, padding: 1 }));
      const loss = h.mul(h).mean();
      loss.backward();
      expect(loss.item()).toBeCloseTo(fixture.loss, 5);
      for (const [name, parameter] of Object.entries({ x, w, b, w2 })) {
        expect(parameter.grad, `${name}.grad`).toBeDefined();
        expectClose(parameter.grad!, fixture.grads[name as keyof GradientFixture['grads']], 1e-4);
      }
    });
  });

  it('gradients accumulate over two backward passes and clearGrad drops them', () => {
    tidy(() => {
      const x = tensor([1, 2, 3]).requiresGrad_();
      x.mul(2).sum().backward();
      x.mul(2).sum().backward();
      expect(valuesOf(x.grad!)).toEqual([4, 4, 4]);
      x.clearGrad();
      expect(x.grad).toBeUndefined();
    });
  });

  it('a tensor made inside noGrad does not require grad, and grad mode is restored after', () => {
    tidy(() => {
      const w = randn([3]).requiresGrad_();
      const inside = noGrad(() => {
        expect(isGradEnabled()).toBe(false);
        return w.mul(2);
      });
      expect(inside.requiresGrad).toBe(false);
      expect(isGradEnabled()).toBe(true);
      expect(w.mul(2).requiresGrad).toBe(true);
    });
  });

  it('noGrad restores grad mode when its function throws', () => {
    expect(() => noGrad(() => { throw new Error('boom'); })).toThrow('boom');
    expect(isGradEnabled()).toBe(true);
  });

  it('backward from a tensor with more than one element and no gradient throws a JS error', () => {
    tidy(() => {
      const x = randn([3]).requiresGrad_();
      expect(() => x.mul(2).backward()).toThrow(/grad can be implicitly created only for scalar outputs/);
    });
  });

  it('backward with an explicit gradient weights the result', () => {
    tidy(() => {
      const x = tensor([1, 2]).requiresGrad_();
      x.mul(3).backward(tensor([1, 10]));
      expect(valuesOf(x.grad!)).toEqual([3, 30]);
    });
  });
});
