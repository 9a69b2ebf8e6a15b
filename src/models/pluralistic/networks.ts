/**
 * The two networks inference needs (net_E and net_G) as one loaded model. Their spectral
 * normalisation advances its power iteration on every forward, as the official code's does; the
 * state the weights came with is kept, so that every fill starts from it, as the official test
 * script does on its first image, whatever ran before in this process.
 */
import { noGrad, tidy, type StateDict, type Tensor } from '../../torch/index.js';
import { ResEncoder } from './encoder.js';
import { ResGenerator } from './generator.js';
import type { PluralisticWidths } from './widths.js';

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
    encoder.loadStateDict(encoderState);
    generator.loadStateDict(generatorState);
    return new PluralisticNetworks(encoder.eval(), generator.eval());
  }

  /** Randomly initialised (torch's default initialisation), for the contract test. */
  static random(widths: PluralisticWidths): PluralisticNetworks {
    return new PluralisticNetworks(new ResEncoder(widths).eval(), new ResGenerator(widths).eval());
  }

  /** Both networks' state dicts in one, under `encoder.` and `generator.`: what `inpaint train` writes. */
  stateDict(): StateDict {
    return new Map([
      ...[...this.encoder.stateDict()].map(([key, value]): [string, Tensor] => [`encoder.${key}`, value]),
      ...[...this.generator.stateDict()].map(([key, value]): [string, Tensor] => [`generator.${key}`, value]),
    ]);
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
