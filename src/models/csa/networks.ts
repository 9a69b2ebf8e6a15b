/**
 * The two generators inference needs, netP (rough) and netG (refinement), as one loaded model;
 * their width (ngf, 64 in the official code) is read from the weights.
 */
import { InvalidInputError } from '../../core/errors.js';
import type { StateDict } from '../../torch/index.js';
import { CsaGenerators } from './generators.js';
import { loadWeights } from '../common/load-weights.js';

export class CsaNetworks {
  private constructor(readonly generators: CsaGenerators) {}

  get rough(): CsaGenerators['rough'] {
    return this.generators.rough;
  }

  get refine(): CsaGenerators['refine'] {
    return this.generators.refine;
  }

  /** In evaluation mode with netP's and netG's state dicts (StateDictMismatchError when they do not fit). */
  static withWeights(roughState: StateDict, refineState: StateDict): CsaNetworks {
    const generators = new CsaGenerators(widthOf(roughState));
    loadWeights([generators.rough, roughState], [generators.refine, refineState]);
    return new CsaNetworks(generators.eval());
  }

  /** From a file of `inpaint train`: both state dicts in one, under `P.` and `G.`. */
  static withTrainedWeights(combined: StateDict): CsaNetworks {
    const rough = new Map([...combined].filter(([key]) => key.startsWith('P.')).map(([key, value]) => [key.slice(2), value]));
    const generators = new CsaGenerators(widthOf(rough));
    loadWeights([generators, combined]);
    return new CsaNetworks(generators.eval());
  }

  /** Randomly initialised (torch's default initialisation), for the contract test. */
  static random(ngf: number): CsaNetworks {
    return new CsaNetworks(new CsaGenerators(ngf).eval());
  }

  /** Both state dicts in one, under `P.` and `G.`: what `inpaint train` writes. */
  stateDict(): StateDict {
    return this.generators.stateDict();
  }

  dispose(): void {
    this.generators.dispose();
  }
}

/** ngf: the output channels of netP's first convolution. */
function widthOf(roughState: StateDict): number {
  const first = roughState.get('model.model.0.weight');
  if (!first || first.shape.length !== 4) {
    throw new InvalidInputError('netP weights', 'a state dict with model.model.0.weight [ngf, 3, 4, 4] (UnetGenerator)', first ? `shape [${first.shape.join(', ')}]` : 'no such key');
  }
  return first.shape[0];
}
