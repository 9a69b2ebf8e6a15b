/**
 * The seeded weights test/fixtures/models/internal/make_fixtures.py draws (`he_seeded`), drawn
 * again through our engine: libtorch's generator gives python3-torch's stream.
 */
import type { AnyModule } from '../../../src/torch/nn/module.js';
import { manualSeed, noGrad, randn, tidy } from '../../../src/torch/index.js';

/** Every state entry but num_batches_tracked redrawn in state-dict order, He-scaled convs, BN near identity. */
export function heSeeded<M extends AnyModule>(module: M, seed: number): M {
  manualSeed(seed);
  noGrad(() => {
    for (const [name, t] of module.stateDict()) {
      if (name.endsWith('num_batches_tracked')) continue;
      tidy(() => {
        const draw = randn(t.shape);
        if (name.endsWith('running_mean')) t.zero_();
        else if (name.endsWith('running_var')) t.copy_(draw.mul(0).add(1));
        else if (t.dim === 1 && name.endsWith('weight')) t.copy_(draw.mul(0.1).add(1));
        else if (t.dim === 1) t.copy_(draw.mul(0.1));
        else t.copy_(draw.mul(Math.sqrt(2 / (t.numel / t.shape[0]!))));
      });
    }
  });
  return module;
}
