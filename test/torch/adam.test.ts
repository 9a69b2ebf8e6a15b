/** Adam against python3-torch's torch.optim.Adam (adam.json): three steps to 1e-5. */
import { expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { Adam, tensor, tidy } from '../../src/torch/index.js';
import { describeWithEngine, expectClose, fromStored, readFixture, type StoredTensor } from './engine.js';

interface AdamFixture {
  torch: string;
  inputs: Record<'p' | 'a' | 't', StoredTensor>;
  options: { lr: number; betas: [number, number]; eps: number; weightDecay: number };
  losses: number[];
  result: StoredTensor;
}

const fixture = readFixture<AdamFixture>('adam.json');

describeWithEngine('Adam', () => {
  it(`three steps on least squares (lr 0.1, betas 0.9/0.99, weight decay 0.01) match python3-torch ${fixture.torch}`, () => {
    tidy(() => {
      const p = fromStored(fixture.inputs.p).requiresGrad_();
      const a = fromStored(fixture.inputs.a);
      const t = fromStored(fixture.inputs.t);
      const optimizer = new Adam([p], fixture.options);
      const losses: number[] = [];
      for (let step = 0; step < 3; step++) {
        tidy(() => {
          optimizer.zeroGrad();
          const loss = a.matmul(p).sub(t).pow(2).mean();
          loss.backward();
          optimizer.step();
          losses.push(loss.item() as number);
        });
      }
      losses.forEach((loss, i) => expect(loss).toBeCloseTo(fixture.losses[i], 5));
      expectClose(p, fixture.result, 1e-5);
    });
  });

  it('lr can be changed between steps', () => {
    tidy(() => {
      const optimizer = new Adam([tensor([1]).requiresGrad_()], { lr: 0.5 });
      optimizer.lr = 0.25;
      expect(optimizer.lr).toBe(0.25);
    });
  });

  it('a negative lr throws InvalidOptionError', () => {
    tidy(() => {
      expect(() => new Adam([tensor([1]).requiresGrad_()], { lr: -1 })).toThrow(InvalidOptionError);
    });
  });

  it('a beta of 1 throws InvalidOptionError naming betas[1]', () => {
    tidy(() => {
      expect(() => new Adam([tensor([1]).requiresGrad_()], { betas: [0.9, 1] })).toThrow(/betas\[1\]/);
    });
  });
});
