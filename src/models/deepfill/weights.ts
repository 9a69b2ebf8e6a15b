/**
 * The width of DeepFill v2 weights, read from the generator's first layer, so that reduced-width
 * models (the tests', a small trained one) load as well as the official width 48.
 */
import { InvalidInputError } from '../../core/errors.js';
import type { StateDict } from '../../torch/index.js';

/** The base width (cnum) of the generator a state dict belongs to: conv1 gives 2 * cnum / 2 outputs. */
export function generatorWidth(stateDict: StateDict): number {
  const first = stateDict.get('conv1.conv.weight');
  if (!first) {
    throw new InvalidInputError('weights', 'a DeepFill v2 generator state dict (with conv1.conv.weight)',
      `keys ${[...stateDict.keys()].slice(0, 5).join(', ')}${stateDict.size > 5 ? ', ...' : ''}`);
  }
  return first.shape[0];
}
