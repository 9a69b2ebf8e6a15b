/** Adam against python3-torch's torch.optim.Adam (adam.json): three steps to 1e-5. */
import { expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { Adam, tensor, tidy, type Tensor } from '../../src/torch/index.js';
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

  for (const amsgrad of [false, true]) {
    it(`its state, saved after 3 steps and loaded into a new Adam, continues exactly as 5 steps in one go (amsgrad ${amsgrad})`, () => {
      tidy(() => {
        const a = fromStored(fixture.inputs.a);
        const t = fromStored(fixture.inputs.t);
        const run = (p: Tensor, optimizer: Adam, steps: number) => {
          for (let step = 0; step < steps; step++) {
            tidy(() => {
              optimizer.zeroGrad();
              a.matmul(p).sub(t).pow(2).mean().backward();
              optimizer.step();
            });
          }
        };
        const options = { ...fixture.options, amsgrad };
        const straight = fromStored(fixture.inputs.p).requiresGrad_();
        run(straight, new Adam([straight], options), 5);

        const first = fromStored(fixture.inputs.p).requiresGrad_();
        const before = new Adam([first], options);
        expect(before.stateDict().size).toBe(0);
        run(first, before, 3);
        const saved = before.stateDict();
        expect([...saved.keys()].sort()).toEqual(['state.0.exp_avg', 'state.0.exp_avg_sq', ...(amsgrad ? ['state.0.max_exp_avg_sq'] : []), 'state.0.step']);
        expect(saved.get('state.0.step')!.item()).toBe(3);
        const resumed = first.detach().clone().requiresGrad_();
        const after = new Adam([resumed], options);
        after.loadStateDict(saved);
        run(resumed, after, 2);
        expect(Array.from(resumed.toArray() as Float32Array)).toEqual(Array.from(straight.toArray() as Float32Array));

        // Without the state, the same two steps land elsewhere: the test can tell.
        const fresh = first.detach().clone().requiresGrad_();
        run(fresh, new Adam([fresh], options), 2);
        expect(Array.from(fresh.toArray() as Float32Array)).not.toEqual(Array.from(straight.toArray() as Float32Array));
      });
    });
  }

  it('refuses a state of another shape, an unknown key, or a part missing', () => {
    tidy(() => {
      const p = tensor([1, 2]).requiresGrad_();
      const optimizer = new Adam([p]);
      const step = tensor(BigInt64Array.of(1n), [1]);
      expect(() => optimizer.loadStateDict(new Map([['state.0.step', step], ['state.0.exp_avg', tensor([1, 2, 3])], ['state.0.exp_avg_sq', tensor([1, 2])]]))).toThrow(/shape/);
      expect(() => optimizer.loadStateDict(new Map([['state.1.step', step]]))).toThrow(/below 1/);
      expect(() => optimizer.loadStateDict(new Map([['state.0.step', step]]))).toThrow(/only some/);
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
