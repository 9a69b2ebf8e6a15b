/**
 * Test helpers: describe blocks that need the libtorch addon, fixture loading and comparison.
 * Without the addon a block is skipped with the reason, except in CI (CI=true), which must build
 * it: there the block fails.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nativeAvailable, tensor, type Tensor } from '../../src/torch/index.js';
import { NativeEngineMissingError } from '../../src/core/errors.js';

const available = nativeAvailable();

export function describeWithEngine(name: string, body: () => void): void {
  if (available) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs the libtorch addon, which CI builds', () => {
        throw new NativeEngineMissingError('CI must run npm run build:native before the tests');
      });
    });
  } else {
    describe.skip(`${name} (skipped: the libtorch addon is not built; run npm run build:native)`, body);
  }
}

/** A tensor as the fixtures store it (test/fixtures/torch/make_fixtures.py). */
export interface StoredTensor {
  shape: number[];
  dtype: string;
  data: (number | boolean)[];
}

export function readFixture<T>(name: string): T {
  const folder = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'torch');
  return JSON.parse(readFileSync(join(folder, name), 'utf8')) as T;
}

export function fromStored(stored: StoredTensor): Tensor {
  if (stored.dtype !== 'float32') throw new Error(`fixture dtype ${stored.dtype} is not read by the tests`);
  return tensor(Float32Array.from(stored.data as number[]), stored.shape);
}

/**
 * Asserts the shape is equal and every element within tolerance * (1 + |expected|) (absolute near
 * zero, relative for large values). Returns the largest absolute difference.
 */
export function expectClose(actual: Tensor, expected: StoredTensor, tolerance: number): number {
  expect(actual.shape).toEqual(expected.shape);
  const values = actual.toArray() as Float32Array;
  let worst = 0;
  let worstExcess = 0;
  for (let i = 0; i < values.length; i++) {
    const want = expected.data[i] as number;
    const difference = Math.abs(values[i] - want);
    worst = Math.max(worst, difference);
    worstExcess = Math.max(worstExcess, difference / (tolerance * (1 + Math.abs(want))));
  }
  expect(worstExcess, `largest difference ${worst}`).toBeLessThanOrEqual(1);
  return worst;
}

/** A float32 tensor's elements as a plain array (for toEqual). */
export function valuesOf(t: Tensor): number[] {
  return Array.from(t.toArray() as Float32Array);
}
