/** A long training loop inside tidy keeps a flat resident set: nothing native leaks per step. */
import { expect, it } from 'vitest';
import { Adam, F, randn, tidy } from '../../src/torch/index.js';
import { describeWithEngine } from './engine.js';

const STEPS = 10_000;

describeWithEngine('memory', () => {
  it(`${STEPS} steps of conv2d, backward and Adam grow the resident set by less than 16 MB after warm-up`, () => {
    const weight = randn([8, 4, 3, 3]).requiresGrad_();
    const bias = randn([8]).requiresGrad_();
    const input = randn([2, 4, 16, 16]);
    const optimizer = new Adam([weight, bias], { lr: 1e-3 });
    const step = (): void =>
      tidy(() => {
        optimizer.zeroGrad();
        const out = F.leakyRelu(F.conv2d(input, weight, bias, { padding: 1 }), 0.2);
        out.mul(out).mean().backward();
        optimizer.step();
        // Reading grad makes a wrapper too; the scope must free it.
        expect(weight.grad!.shape).toEqual([8, 4, 3, 3]);
      });
    for (let i = 0; i < 500; i++) step();
    const before = process.memoryUsage().rss;
    for (let i = 0; i < STEPS; i++) step();
    const grownMB = (process.memoryUsage().rss - before) / 2 ** 20;
    expect(grownMB).toBeLessThan(16);
    [weight, bias, input].forEach((t) => t.dispose());
  });
});
