/**
 * The width of LBAM weights, read from the first encoder stage, so that narrow models (the
 * tests', a small trained one) load as well as the official width 64.
 */
import { InvalidInputError } from '../../core/errors.js';
import type { StateDict } from '../../torch/index.js';

const firstLayer = 'ec1.conv.conv.weight';

export function lbamWidth(stateDict: StateDict): number {
  const first = stateDict.get(firstLayer);
  if (!first) {
    throw new InvalidInputError('weights', `an LBAM generator state dict (with ${firstLayer})`,
      `keys ${[...stateDict.keys()].slice(0, 5).join(', ')}${stateDict.size > 5 ? ', ...' : ''}`);
  }
  return first.shape[0];
}
