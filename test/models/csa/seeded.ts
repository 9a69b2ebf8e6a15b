/** make_step_fixture.py's seeded(): every floating-point state entry in state-dict order, drawn through libtorch's generator. */
import type { AnyModule } from '../../../src/torch/nn/module.js';
import { manualSeed, noGrad, randn, tidy } from '../../../src/torch/index.js';

export function seeded<M extends AnyModule>(module: M, seed: number): M {
  manualSeed(seed);
  noGrad(() => {
    for (const [name, t] of module.stateDict()) {
      if (t.dtype !== 'float32') continue;
      tidy(() => {
        const draw = randn(t.shape);
        if (t.shape.length === 1 && name.endsWith('weight')) t.copy_(draw.mul(0.2).add(1));
        else if (name.endsWith('bias')) t.copy_(draw.mul(0.1));
        else t.copy_(draw.div(Math.sqrt(t.shape.slice(1).reduce((a, b) => a * b, 1))));
      });
    }
  });
  return module;
}
