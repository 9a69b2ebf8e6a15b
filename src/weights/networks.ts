/** The weights of every network method, by registry id, from the networks' own descriptions. */
import { InvalidOptionError } from '../core/errors.js';
import type { NetworkDefinition } from '../models/common/network.js';
import { networks } from '../models/networks.js';
import type { NetworkWeights } from './network-weights.js';

/** What a network's description says of its weights; the check builds the network from them. */
function weightsOf(network: NetworkDefinition): NetworkWeights {
  return {
    model: network.id,
    releases: network.releases,
    layout: network.checkpoint,
    check: (stateDicts) => network.load(stateDicts).dispose(),
  };
}

export const networkWeights: readonly NetworkWeights[] = networks.map(weightsOf);

/** The weights description of a network method; an error naming the networks there are otherwise. */
export function networkWeightsFor(model: string): NetworkWeights {
  const found = networkWeights.find((network) => network.model === model);
  if (!found) throw new InvalidOptionError('--model', `a network method (${networkWeights.map((network) => network.model).join(', ')})`, model);
  return found;
}
