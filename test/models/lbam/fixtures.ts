/** The LBAM fixtures (test/fixtures/models/lbam/): their folder, a lookup of a file's tensors, a shared check. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiscriminatorDoubleColumn } from '../../../src/models/lbam/discriminator.js';
import { expect } from 'vitest';
import { decodeSafetensors, nn, tidy, type Tensor } from '../../../src/torch/index.js';

export const lbamFixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'lbam');

/** The tensors of a safetensors fixture by name; a name it does not hold throws. */
export function lbamFixture(file: string): (name: string) => Tensor {
  const stored = decodeSafetensors(readFileSync(join(lbamFixtures, file))).stateDict;
  return (name) => {
    const t = stored.get(name);
    if (!t) throw new Error(`${file} has no ${name}`);
    return t;
  };
}

/**
 * Whether a critic parameter is the bias of a convolution feeding batch norm: its true gradient is
 * 0 and both sides hold rounding noise of either sign.
 */
export function followedByBatchNorm(discriminator: DiscriminatorDoubleColumn, name: string): boolean {
  const [column, index, kind] = name.split('.');
  if (kind !== 'bias' || (column !== 'globalConv' && column !== 'localConv')) return false;
  return discriminator[column].at(Number(index) + 1) instanceof nn.BatchNorm2d;
}

/** max |actual − expected|, the shapes required equal. */
export function maxAbsDiff(actual: Tensor, expected: Tensor): number {
  expect(actual.shape).toEqual(expected.shape);
  return tidy(() => actual.sub(expected).abs().amax().item() as number);
}
