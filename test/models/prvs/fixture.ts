/** The parity fixture (test/fixtures/models/prvs/tensors.safetensors) and what the tests build from it. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { PrvsNet } from '../../../src/models/prvs/generator.js';
import { decodeSafetensors, tidy, type Tensor } from '../../../src/torch/index.js';
import { seeded } from './seeded.js';

export const fixtureFolder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'prvs');

export function prvsFixture(): (name: string) => Tensor {
  const reference = decodeSafetensors(readFileSync(join(fixtureFolder, 'tensors.safetensors'))).stateDict;
  return (name) => {
    const t = reference.get(name);
    if (!t) throw new Error(`fixture has no ${name}`);
    return t;
  };
}

export function maxAbsDiff(actual: Tensor, expected: Tensor): number {
  expect(actual.shape).toEqual(expected.shape);
  return tidy(() => actual.sub(expected).abs().amax().item() as number);
}

/** The fixture's generator: 6 layers, widths 16/32/32, seed 10. */
export function fixtureGenerator(): PrvsNet {
  return seeded(new PrvsNet({ layerSize: 6, widths: [16, 32, 32] }), 10);
}
