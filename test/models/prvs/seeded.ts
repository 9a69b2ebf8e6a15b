/**
 * test/fixtures/models/prvs/narrow_prvsnet.py `seeded`: every floating-point state entry redrawn in
 * state-dict order from libtorch's generator seeded as torch.manual_seed(seed) is, so the fixture
 * scripts' random weights need not be stored.
 */
import type { AnyModule } from '../../../src/torch/nn/module.js';
import { manualSeed, noGrad, randn, tidy } from '../../../src/torch/index.js';

export function seeded<M extends AnyModule>(module: M, seed: number, gain = 1): M {
  manualSeed(seed);
  noGrad(() => {
    for (const [name, t] of module.stateDict()) {
      if (t.dtype !== 'float32') continue;
      tidy(() => {
        const draw = randn(t.shape);
        if (t.shape.length === 4) t.copy_(draw.mul(gain * Math.sqrt(2 / (t.shape[1] * t.shape[2] * t.shape[3]))));
        else if (name.endsWith('running_var')) t.copy_(draw.abs().mul(0.1).add(1));
        else if (name.endsWith('weight')) t.copy_(draw.mul(0.1).add(1));
        else t.copy_(draw.mul(0.1));
      });
    }
  });
  return module;
}
