/**
 * The seeded weights the EdgeConnect fixture scripts draw (make_fixtures.py `seeded` and
 * `warmed`), drawn again through our engine: libtorch's generator gives python3-torch's stream.
 */
import type { AnyModule } from '../../../src/torch/nn/module.js';
import { manualSeed, noGrad, randn, tidy, type Tensor } from '../../../src/torch/index.js';

export const scale = 0.02;
const warmup = 10;

/** Every floating-point state entry redrawn, in state-dict order: randn * scale, u and v normalised. */
export function seeded<M extends AnyModule>(module: M, seed: number): M {
  manualSeed(seed);
  noGrad(() => {
    for (const [name, t] of module.stateDict()) {
      if (t.dtype !== 'float32') continue;
      tidy(() => {
        const draw = randn(t.shape);
        t.copy_(name.endsWith('_u') || name.endsWith('_v') ? draw.div(Math.max(draw.pow(2).sum().sqrt().item() as number, 1e-12)) : draw.mul(scale));
      });
    }
  });
  return module;
}

/** Spectral normalisation's power iteration run in by training-mode forwards on x, then eval mode. */
export function warmed<M extends AnyModule>(module: M, x: Tensor): M {
  module.train();
  const run = module as unknown as { call(input: Tensor): unknown };
  noGrad(() => {
    for (let i = 0; i < warmup; i++) tidy(() => void run.call(x));
  });
  return module.eval();
}

/** make_step_fixture.py's `seeded(..., he=True)` for a loss VGG: weights randn * sqrt(2 / fan_in), biases randn * 0.01. */
export function seededHe<M extends AnyModule>(module: M, seed: number): M {
  manualSeed(seed);
  noGrad(() => {
    for (const [, t] of module.stateDict()) {
      const fanIn = t.shape.slice(1).reduce((a, b) => a * b, 1);
      tidy(() => t.copy_(randn(t.shape).mul(t.shape.length > 1 ? Math.sqrt(2 / fanIn) : 0.01)));
    }
  });
  return module;
}

/** make_step_fixture.py's `sampled`: at most `count` entries, strided evenly through the flattened tensor. */
export function sampled(t: Tensor, count = 4096): Float32Array {
  const flat = t.contiguous().toArray() as Float32Array;
  const step = Math.max(1, Math.ceil(flat.length / count));
  return flat.filter((_, i) => i % step === 0);
}
