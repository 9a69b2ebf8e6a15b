/** The parity fixture (test/fixtures/models/prvs/tensors.safetensors) and what the tests build from it. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrvsNet } from '../../../src/models/prvs/generator.js';
import type { Tensor } from '../../../src/torch/index.js';
import { fixtureTensors } from '../fixture-tensors.js';
import { seeded } from './seeded.js';

export const fixtureFolder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'prvs');

export function prvsFixture(): (name: string) => Tensor {
  return fixtureTensors(join(fixtureFolder, 'tensors.safetensors')).want;
}

/** The fixture's generator: 6 layers, widths 16/32/32, seed 10. */
export function fixtureGenerator(): PrvsNet {
  return seeded(new PrvsNet({ layerSize: 6, widths: [16, 32, 32] }), 10);
}
