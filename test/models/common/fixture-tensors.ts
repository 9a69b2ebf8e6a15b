/** The tensors of a safetensors fixture by name, and the comparison the parity tests make. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { decodeSafetensors, type Tensor } from '../../../src/torch/index.js';

export function fixtureTensors(path: string): { want(name: string): Tensor; has(name: string): boolean; metadata: Record<string, string> } {
  const { stateDict, metadata } = decodeSafetensors(readFileSync(path));
  return {
    want: (name) => {
      const t = stateDict.get(name);
      if (!t) throw new Error(`${path} has no ${name}`);
      return t;
    },
    has: (name) => stateDict.has(name),
    metadata,
  };
}

/** Largest absolute difference, the shapes checked equal first. */
export function maxAbsDiff(actual: Tensor, expected: Tensor): number {
  expect(actual.shape).toEqual(expected.shape);
  return actual.sub(expected).abs().amax().item() as number;
}
