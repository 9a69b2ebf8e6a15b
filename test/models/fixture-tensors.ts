/** Reading a parity fixture's tensors and comparing with them (the network parity tests). */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { decodeSafetensors, tidy, type Tensor } from '../../src/torch/index.js';

/** A lookup of a safetensors fixture's tensors that fails on a name the file does not hold. */
export function fixtureTensors(path: string): (name: string) => Tensor {
  const reference = decodeSafetensors(readFileSync(path)).stateDict;
  return (name) => {
    const t = reference.get(name);
    if (!t) throw new Error(`${path} has no ${name}`);
    return t;
  };
}

/** The largest absolute difference, after checking that the shapes agree. */
export function maxAbsDiff(actual: Tensor, expected: Tensor): number {
  expect(actual.shape).toEqual(expected.shape);
  return tidy(() => actual.sub(expected).abs().amax().item() as number);
}
