/** The checkpoint fixtures (test/fixtures/torch/checkpoints/make_checkpoints.py) and their expected values. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Tensor } from '../../../src/torch/index.js';

export const checkpointsFolder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'torch', 'checkpoints');

export function checkpointPath(name: string): string {
  return join(checkpointsFolder, name);
}

/** A tensor as expected.json keeps it: int64 values as decimal strings. */
export interface ExpectedTensor {
  shape: number[];
  dtype: string;
  data: (number | string | boolean)[];
}

export interface Expected {
  marker: string;
  small_net: Record<string, ExpectedTensor>;
  small_net_keys: string[];
  generator: Record<string, ExpectedTensor>;
  discriminator: Record<string, ExpectedTensor>;
  safetensors: Record<string, ExpectedTensor>;
  trained_generator: Record<string, ExpectedTensor>;
  optimizer: { param_groups: Record<string, unknown>[]; state: Record<string, Record<string, ExpectedTensor>> };
}

export const expected = JSON.parse(readFileSync(checkpointPath('expected.json'), 'utf8')) as Expected;

/** The engine dtype each stored dtype loads as. */
const ENGINE_DTYPE: Record<string, string> = {
  float32: 'float32',
  float16: 'float32',
  float64: 'float32',
  int64: 'int64',
  int32: 'int64',
  uint8: 'int64',
  bool: 'bool',
};

/**
 * Asserts shape, dtype and every value exactly: floats as Python stored them rounded to float32
 * (exact for float32 and float16), integers as bigints, bools as 0/1.
 */
export function expectExactly(actual: Tensor, want: ExpectedTensor, key: string): void {
  expect(actual.shape, key).toEqual(want.shape);
  expect(actual.dtype, key).toBe(ENGINE_DTYPE[want.dtype]);
  const values = Array.from(actual.toArray() as ArrayLike<number | bigint>);
  const wanted = want.data.map((value) =>
    typeof value === 'string' ? BigInt(value) : typeof value === 'boolean' ? Number(value)
      : actual.dtype === 'int64' ? BigInt(value) : Math.fround(value),
  );
  expect(values, key).toEqual(wanted);
}
