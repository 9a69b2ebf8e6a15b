/**
 * The two networks inference needs (net_E and net_G) as one loaded model. Their spectral
 * normalisation advances its power iteration on every forward, as the official code's does; the
 * state the weights came with is kept, so that every fill starts from it, as the official test
 * script does on its first image, whatever ran before in this process.
 */
import { compareStateDict, noGrad, tidy, type StateDict, type Tensor } from '../../torch/index.js';
import { ResEncoder } from './encoder.js';
import { ResGenerator } from './generator.js';
import { encoderWidths, type PluralisticWidths } from './widths.js';
import { loadWeights } from '../common/load-weights.js';

export class PluralisticNetworks {
  readonly #loadedState: [Tensor, Tensor][];

  private constructor(readonly encoder: ResEncoder, readonly generator: ResGenerator) {
    const buffers = [...encoder.buffers(), ...generator.buffers()];
    this.#loadedState = noGrad(() => buffers.map((buffer): [Tensor, Tensor] => [buffer, tidy(() => buffer.clone())]));
  }

  /** In evaluation mode with the given state dicts (StateDictMismatchError when they do not fit). */
  static withWeights(widths: PluralisticWidths, encoderState: StateDict, generatorState: StateDict): PluralisticNetworks {
    const encoder = new ResEncoder(widths);
    const generator = new ResGenerator(widths);
    loadWeights([encoder, encoderState], [generator, generatorState]);
    return new PluralisticNetworks(encoder.eval(), generator.eval());
  }

  /**
   * From a file of `inpaint train`: both state dicts in one, under `encoder.` and `generator.`;
   * a mismatch lists the keys with those prefixes.
   */
  static withTrainedWeights(combined: StateDict): PluralisticNetworks {
    const widths = encoderWidths(withoutPrefix(combined, 'encoder.'));
    const encoder = new ResEncoder(widths);
    const generator = new ResGenerator(widths);
    compareStateDict(combinedStateDict(encoder, generator), combined, { strict: true });
    loadWeights([encoder, withoutPrefix(combined, 'encoder.')], [generator, withoutPrefix(combined, 'generator.')]);
    return new PluralisticNetworks(encoder.eval(), generator.eval());
  }

  /** Randomly initialised (torch's default initialisation), for the contract test. */
  static random(widths: PluralisticWidths): PluralisticNetworks {
    return new PluralisticNetworks(new ResEncoder(widths).eval(), new ResGenerator(widths).eval());
  }

  /** Both networks' state dicts in one, under `encoder.` and `generator.`: what `inpaint train` writes. */
  stateDict(): StateDict {
    return combinedStateDict(this.encoder, this.generator);
  }

  /** Puts the power iterations' vectors back to what the weights were loaded with. */
  restoreLoadedState(): void {
    noGrad(() => {
      for (const [buffer, loaded] of this.#loadedState) buffer.copy_(loaded);
    });
  }

  dispose(): void {
    this.encoder.dispose();
    this.generator.dispose();
    for (const [, loaded] of this.#loadedState) loaded.dispose();
  }
}

function combinedStateDict(encoder: ResEncoder, generator: ResGenerator): StateDict {
  return new Map([
    ...[...encoder.stateDict()].map(([key, value]): [string, Tensor] => [`encoder.${key}`, value]),
    ...[...generator.stateDict()].map(([key, value]): [string, Tensor] => [`generator.${key}`, value]),
  ]);
}

/** The entries of stateDict under prefix, without it. */
function withoutPrefix(stateDict: StateDict, prefix: string): StateDict {
  return new Map([...stateDict].filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key.slice(prefix.length), value]));
}
