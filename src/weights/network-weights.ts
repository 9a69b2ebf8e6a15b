/**
 * What a network method declares about its weights: its official releases, the layout of a file a
 * user brings, and how to check state dicts against the network (keys and shapes). The platform's
 * network description will carry these; until then each network exports one.
 */
import type { StateDict } from '../torch/index.js';
import type { CheckpointLayout, WeightRelease } from './release.js';

export interface NetworkWeights {
  /** The registry id of the method these weights are for. */
  readonly model: string;
  /** The official releases it accepts. */
  readonly releases: readonly WeightRelease[];
  /** Where the state dicts sit in a file that is none of the releases (a training run's, a port's). */
  readonly layout: CheckpointLayout;
  /**
   * Throws StateDictMismatchError (missing and unexpected keys, shape mismatches) unless the state
   * dicts fit the network; an InvalidInputError when a sub-network is missing altogether.
   */
  readonly check: (stateDicts: ReadonlyMap<string, StateDict>) => void;
}
