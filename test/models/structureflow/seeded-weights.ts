/**
 * The seeded weights of the StructureFlow fixture scripts (make_fixtures.py `seeded`), drawn again
 * through our engine in state-dict order: libtorch's generator gives python3-torch's stream.
 */
import type { AnyModule } from '../../../src/torch/nn/module.js';
import { manualSeed, noGrad, randn, tidy } from '../../../src/torch/index.js';

/** Norm weights 1 + 0.1 draw, biases 0.1 draw, other weights draw * sqrt(2 / fan_in), u and v normalised. */
export function seeded<M extends AnyModule>(module: M, seed: number): M {
  manualSeed(seed);
  noGrad(() => {
    for (const [name, t] of module.stateDict()) {
      if (t.dtype !== 'float32') continue;
      tidy(() => {
        const draw = randn(t.shape);
        if (name.endsWith('_u') || name.endsWith('_v')) {
          t.copy_(draw.div(Math.max(draw.pow(2).sum().sqrt().item() as number, 1e-12)));
        } else if (name.endsWith('norm.weight')) {
          t.copy_(draw.mul(0.1).add(1));
        } else if (t.shape.length === 1 || name.endsWith('norm.bias')) {
          t.copy_(draw.mul(0.1));
        } else {
          const fanIn = t.shape.slice(1).reduce((a, b) => a * b, 1);
          t.copy_(draw.mul(Math.sqrt(2 / fanIn)));
        }
      });
    }
  });
  return module;
}
