/**
 * The python3-torch reference of the losses (test/fixtures/losses/losses.json): each case's inputs,
 * loss and gradients, and the checks shared by the loss tests. Values must agree to 1e-4 and
 * gradients to 1e-3, both relative (gradients to the largest reference element).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { manualSeed, noGrad, randn, type Tensor } from '../../src/torch/index.js';
import { VggFeatures, type VggDepth } from '../../src/losses/index.js';
import { fromStored, type StoredTensor } from '../torch/engine.js';

export interface LossCase {
  inputs: Record<string, StoredTensor>;
  loss: number;
  grads: Record<string, StoredTensor>;
}

interface LossFixture {
  vgg_seed: number;
  vgg16_checks: Record<string, WeightCheck>;
  vgg19_checks: Record<string, WeightCheck>;
  cases: Record<string, LossCase>;
}

interface WeightCheck {
  sum: number;
  first: number[];
}

export const VALUE_TOLERANCE = 1e-4;
export const GRADIENT_TOLERANCE = 1e-3;

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'losses');
export const fixture = JSON.parse(readFileSync(join(folder, 'losses.json'), 'utf8')) as LossFixture;

/** The case by name (throws when the fixture lacks it, so a renamed case cannot pass silently). */
export function lossCase(name: string): LossCase {
  const found = fixture.cases[name];
  if (!found) throw new Error(`losses.json has no case "${name}": regenerate it with make_fixtures.py`);
  return found;
}

/** The case's inputs as tensors; those named in grads require grad. */
export function caseInputs(reference: LossCase): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(reference.inputs).map(([name, stored]) => {
    const t = fromStored(stored);
    return [name, name in reference.grads ? t.requiresGrad_() : t];
  }));
}

/** |actual − expected| / |expected| for the loss value. */
export function valueError(loss: Tensor, reference: LossCase): number {
  return Math.abs((loss.item() as number) - reference.loss) / Math.abs(reference.loss);
}

/** max |actual − expected| / max |expected| over the elements of a gradient. */
export function gradientError(actual: Tensor | undefined, expected: StoredTensor): number {
  if (!actual) return Infinity;
  expect(actual.shape).toEqual(expected.shape);
  const values = actual.toArray() as Float32Array;
  const wanted = expected.data as number[];
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < values.length; i++) {
    worst = Math.max(worst, Math.abs(values[i] - wanted[i]));
    scale = Math.max(scale, Math.abs(wanted[i]));
  }
  return worst / scale;
}

/** Runs compute on the case's inputs, back-propagates, and checks the value and every gradient. */
export function expectMatchesCase(name: string, compute: (inputs: Record<string, Tensor>) => Tensor): void {
  const reference = lossCase(name);
  const inputs = caseInputs(reference);
  const loss = compute(inputs);
  expect(valueError(loss, reference), `${name}: loss ${loss.item()} vs ${reference.loss}`).toBeLessThanOrEqual(VALUE_TOLERANCE);
  loss.backward();
  for (const [input, expected] of Object.entries(reference.grads)) {
    expect(gradientError(inputs[input].grad, expected), `${name}: gradient of ${input}`).toBeLessThanOrEqual(GRADIENT_TOLERANCE);
  }
}

/**
 * The deliberate-mistake check: compute, a wrong variant of the formula, must miss the case's
 * value or one of its gradients by more than the tolerances.
 */
export function expectMissesCase(name: string, compute: (inputs: Record<string, Tensor>) => Tensor): void {
  const reference = lossCase(name);
  const inputs = caseInputs(reference);
  const loss = compute(inputs);
  const valueOff = valueError(loss, reference) > VALUE_TOLERANCE;
  loss.backward();
  const gradientOff = Object.entries(reference.grads)
    .some(([input, expected]) => gradientError(inputs[input].grad, expected) > GRADIENT_TOLERANCE);
  expect(valueOff || gradientOff, `${name}: the wrong formula was not caught`).toBe(true);
}

/**
 * A VGG extractor with the script's deterministic weights: libtorch's generator seeded as the
 * script seeds torch, the same draws in the same order; checked against the stored checksums.
 */
export function seededVgg(depth: VggDepth, taps: readonly string[]): VggFeatures {
  const model = new VggFeatures(depth, taps);
  const checks = depth === 16 ? fixture.vgg16_checks : fixture.vgg19_checks;
  manualSeed(fixture.vgg_seed);
  noGrad(() => {
    for (const [name, parameter] of model.stateDict()) {
      const shape = parameter.shape;
      const scale = name.endsWith('weight') ? Math.sqrt(2 / (shape[1] * shape[2] * shape[3])) : 0.05;
      const drawn = randn(shape).mul(scale);
      parameter.copy_(drawn);
      drawn.dispose();
    }
  });
  expect([...model.stateDict().keys()]).toEqual(Object.keys(checks));
  for (const [name, parameter] of model.stateDict()) {
    const check = checks[name];
    expect(Array.from(parameter.toArray() as Float32Array).slice(0, 4), name).toEqual(check.first);
    expect(parameter.sum().item() as number, name).toBeCloseTo(check.sum, 3);
  }
  return model;
}
