/** The LBAM fixtures (test/fixtures/models/lbam/): their folder, a lookup of a file's tensors, a shared check. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiscriminatorDoubleColumn } from '../../../src/models/lbam/discriminator.js';
import { nn, type Tensor } from '../../../src/torch/index.js';
import { fixtureTensors } from '../fixture-tensors.js';

export const lbamFixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'lbam');

/** The tensors of a safetensors fixture by name; a name it does not hold throws. */
export function lbamFixture(file: string): (name: string) => Tensor {
  return fixtureTensors(join(lbamFixtures, file)).want;
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
