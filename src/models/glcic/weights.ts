/**
 * The width of GLCIC weights, read from the first convolution, so that reduced-width models (the
 * tests', a small trained one) load as well as the official width 64.
 */
import { InvalidInputError } from '../../core/errors.js';
import type { StateDict } from '../../torch/index.js';
import { layersOf } from './torch7-module-order.js';

/** The completion network's first-layer channels: the official release has 64. */
export function completionWidth(stateDict: StateDict): number {
  const first = layersOf(stateDict.keys())[0];
  const weight = first === undefined ? undefined : stateDict.get(`${first}.weight`);
  if (!weight || weight.shape.length !== 4 || !stateDict.has('mean')) {
    throw new InvalidInputError('weights', 'a GLCIC completion network ({model = ..., mean = ...}: a first convolution and the dataset mean)',
      `keys ${[...stateDict.keys()].slice(0, 5).join(', ')}${stateDict.size > 5 ? ', ...' : ''}`);
  }
  return weight.shape[0];
}
