/**
 * SGD with parameter groups and the learning-rate schedulers against python3-torch
 * (test/fixtures/torch/optim/optim.json): five steps with two groups (momentum and dampening with
 * weight decay; Nesterov) under StepLR, to 1e-5; CosineAnnealingLR and LambdaLR rates to 1e-12.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { Adam, CosineAnnealingLR, LambdaLR, SGD, StepLR, tensor, tidy, zeros, type SchedulableOptimizer } from '../../src/torch/index.js';
import { describeWithEngine, expectClose, fromStored, type StoredTensor } from './engine.js';

interface OptimFixture {
  torch: string;
  sgd: { inputs: Record<'a' | 't' | 'w' | 'b', StoredTensor>; losses: number[]; lrs: number[][]; w: StoredTensor; b: StoredTensor };
  cosine: number[][];
  lambda: number[][];
}

const fixture = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'torch', 'optim', 'optim.json'), 'utf8')) as OptimFixture;

function rates(make: (optimizer: SchedulableOptimizer) => { step(): void }, epochs: number): number[][] {
  const optimizer = { paramGroups: [{ lr: 0.1 }, { lr: 0.02 }] };
  const scheduler = make(optimizer);
  const seen: number[][] = [];
  for (let i = 0; i < epochs; i++) {
    scheduler.step();
    seen.push(optimizer.paramGroups.map((g) => g.lr));
  }
  return seen;
}

describeWithEngine('SGD and learning-rate schedules', () => {
  it(`two parameter groups under StepLR(2, 0.5), five steps, match python3-torch ${fixture.torch}`, () => {
    tidy(() => {
      const { inputs } = fixture.sgd;
      const a = fromStored(inputs.a);
      const t = fromStored(inputs.t);
      const w = fromStored(inputs.w).requiresGrad_();
      const b = fromStored(inputs.b).requiresGrad_();
      const optimizer = new SGD([
        { params: [w], lr: 0.1, momentum: 0.9, weightDecay: 0.01, dampening: 0.1 },
        { params: [b], lr: 0.05, momentum: 0.8, nesterov: true },
      ], { lr: 0.2 });
      const scheduler = new StepLR(optimizer, 2, 0.5);
      for (let step = 0; step < 5; step++) {
        tidy(() => {
          optimizer.zeroGrad();
          const loss = a.matmul(w).add(b).sub(t).pow(2).mean();
          loss.backward();
          optimizer.step();
          scheduler.step();
          expect(loss.item()).toBeCloseTo(fixture.sgd.losses[step], 5);
          expect(scheduler.lastLr).toEqual(fixture.sgd.lrs[step]);
        });
      }
      expectClose(w, fixture.sgd.w, 1e-5);
      expectClose(b, fixture.sgd.b, 1e-5);
      optimizer.dispose();
    });
  });

  it('momentum buffers saved and loaded (state.N.momentum_buffer, numbered across groups): a resumed SGD steps as the unbroken one', () => {
    tidy(() => {
      const a = fromStored(fixture.sgd.inputs.a), t = fromStored(fixture.sgd.inputs.t);
      const run = (w: ReturnType<typeof fromStored>, b: ReturnType<typeof fromStored>, optimizer: SGD) => {
        optimizer.zeroGrad();
        a.matmul(w).add(b).sub(t).pow(2).mean().backward();
        optimizer.step();
      };
      const groups = (w: ReturnType<typeof fromStored>, b: ReturnType<typeof fromStored>) => [
        { params: [w], lr: 0.1, momentum: 0.9, weightDecay: 0.01 }, { params: [b], lr: 0.05, momentum: 0.8 },
      ];
      const w = fromStored(fixture.sgd.inputs.w).requiresGrad_(), b = fromStored(fixture.sgd.inputs.b).requiresGrad_();
      const unbroken = new SGD(groups(w, b));
      run(w, b, unbroken);
      run(w, b, unbroken);
      const state = unbroken.stateDict();
      expect([...state.keys()]).toEqual(['state.0.momentum_buffer', 'state.1.momentum_buffer']);
      const w2 = w.detach().clone().requiresGrad_(), b2 = b.detach().clone().requiresGrad_();
      const resumed = new SGD(groups(w2, b2));
      resumed.loadStateDict(state);
      const fresh = new SGD(groups(w.detach().clone().requiresGrad_(), b.detach().clone().requiresGrad_()));
      run(w, b, unbroken);
      run(w2, b2, resumed);
      expect(w2.sub(w).abs().amax().item()).toBe(0);
      expect(b2.sub(b).abs().amax().item()).toBe(0);
      const [fw] = fresh.paramGroups[0].params;
      run(fw, fresh.paramGroups[1].params[0], fresh);
      expect(fw.sub(w).abs().amax().item()).toBeGreaterThan(1e-4);
      expect(() => resumed.loadStateDict(new Map([['state.2.momentum_buffer', zeros([1])]]))).toThrow(/state\.N\.momentum_buffer/);
      for (const optimizer of [unbroken, resumed, fresh]) optimizer.dispose();
    });
  });

  it('CosineAnnealingLR(tMax 4, etaMin 0.001) over 9 epochs: the rates of python3-torch, past tMax too', () => {
    const ours = rates((o) => new CosineAnnealingLR(o, 4, 0.001), 9);
    ours.flat().forEach((rate, i) => expect(rate).toBeCloseTo(fixture.cosine.flat()[i], 12));
  });

  it('LambdaLR(0.9^epoch) over 9 epochs: the rates of python3-torch', () => {
    const ours = rates((o) => new LambdaLR(o, (epoch) => 0.9 ** epoch), 9);
    ours.flat().forEach((rate, i) => expect(rate).toBeCloseTo(fixture.lambda.flat()[i], 12));
  });

  it("a scheduler drives Adam's one group", () => {
    tidy(() => {
      const adam = new Adam([zeros([2]).requiresGrad_()], { lr: 0.4 });
      new StepLR(adam, 1, 0.5).step();
      expect(adam.lr).toBe(0.2);
    });
  });

  it('bad options throw InvalidOptionError naming them', () => {
    tidy(() => {
      const p = tensor([1]).requiresGrad_();
      expect(() => new SGD([p], { lr: -1 })).toThrow(/paramGroups\[0\]\.lr/);
      expect(() => new SGD([p], { nesterov: true })).toThrow(InvalidOptionError);
      expect(() => new StepLR(new SGD([p]), 0)).toThrow(/stepSize/);
      expect(() => new LambdaLR(new SGD([p]), [() => 1, () => 1])).toThrow(/factor/);
    });
  });
});
