/**
 * What the networks' parity tests compare tensors with: the max abs difference, a fixture
 * file's tensors by name (images: compare-fill.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { decodeSafetensors, type Tensor } from '../../src/torch/index.js';

export function maxAbsDiff(actual: Tensor, expected: Tensor): number {
  expect(actual.shape).toEqual(expected.shape);
  return actual.sub(expected).abs().amax().item() as number;
}

/** A lookup of the tensors of a safetensors fixture that fails on a name it does not hold. */
export function fixtureTensors(folder: string, file: string): (name: string) => Tensor {
  const reference = decodeSafetensors(readFileSync(join(folder, file))).stateDict;
  return (name) => {
    const t = reference.get(name);
    if (!t) throw new Error(`${file} has no ${name}`);
    return t;
  };
}
