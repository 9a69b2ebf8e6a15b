/** The weights of every network method, by registry id (the network descriptions will carry them). */
import { InvalidOptionError } from '../core/errors.js';
import { deepFillV2Weights } from '../models/deepfill/releases.js';
import type { NetworkWeights } from './network-weights.js';

export const networkWeights: readonly NetworkWeights[] = [deepFillV2Weights];

/** The weights description of a network method; an error naming the networks there are otherwise. */
export function networkWeightsFor(model: string): NetworkWeights {
  const found = networkWeights.find((network) => network.model === model);
  if (!found) throw new InvalidOptionError('--model', `a network method (${networkWeights.map((network) => network.model).join(', ')})`, model);
  return found;
}
