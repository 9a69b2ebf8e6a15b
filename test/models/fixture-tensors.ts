/** Reading a parity fixture's tensors and comparing with them (the network parity tests). */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { decodeSafetensors, tidy, type Tensor } from '../../src/torch/index.js';

/** A safetensors fixture: its tensors by name (`want` fails on a name the file does not hold), their names, its metadata. */
export function fixtureTensors(path: string): {
  want(name: string): Tensor;
  has(name: string): boolean;
  names: readonly string[];
  metadata: Record<string, string>;
} {
  const { stateDict, metadata } = decodeSafetensors(readFileSync(path));
  return {
    names: [...stateDict.keys()],
    want: (name) => {
      const t = stateDict.get(name);
      if (!t) throw new Error(`${path} has no ${name}`);
      return t;
    },
    has: (name) => stateDict.has(name),
    metadata,
  };
}

/** The largest absolute difference, after checking that the shapes agree. */
export function maxAbsDiff(actual: Tensor, expected: Tensor): number {
  expect(actual.shape).toEqual(expected.shape);
  return tidy(() => actual.sub(expected).abs().amax().item() as number);
}
