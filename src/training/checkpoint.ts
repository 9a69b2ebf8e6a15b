/**
 * A training run's checkpoint, in its output folder: `generator.safetensors` (what inference takes
 * as --weights), `discriminator.safetensors` when there is one, `optimizers.safetensors` (every
 * Adam's moment estimates and step counts, SGD's momentum buffers, keys prefixed `generator.` / `discriminator.`) and
 * `training.json` (network, step, time, random state, options). Each file is written atomically and
 * records its step, and training.json goes last: a resume checks that every file is of the step
 * training.json names, so a run interrupted in the middle of writing is refused, not half-resumed.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InvalidInputError } from '../core/errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { decodeSafetensors, encodeSafetensors, tidy, type StateDict } from '../torch/index.js';
import { namedNetworks, type TrainingSession } from './network-training.js';

const stateSchema = z.object({
  model: z.string(),
  step: z.number().int().min(0),
  /** Training time of every run so far. */
  seconds: z.number().min(0),
  /** The data's random generator (Rng.state()) after the last batch of `step`. */
  randomState: z.number().int().min(0),
  /** The seed the run started from: libtorch's generator is seeded from it and the step. */
  seed: z.number().int().min(0),
  options: z.record(z.string(), z.unknown()),
});

export type CheckpointState = z.infer<typeof stateSchema>;

export class TrainingCheckpoint {
  readonly statePath: string;

  constructor(readonly folder: string) {
    this.statePath = join(folder, 'training.json');
  }

  /** The saved state, or undefined when the folder holds no run. */
  async readState(): Promise<CheckpointState | undefined> {
    const text = await readFile(this.statePath, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw new InvalidInputError(this.statePath, 'a readable training state', error.message, { cause: error });
    });
    if (text === undefined) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new InvalidInputError(this.statePath, 'a training state (JSON written by inpaint train)', JSON.stringify(text.slice(0, 60)), { cause: error });
    }
    const parsed = stateSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidInputError(this.statePath, 'a training state written by inpaint train', `${issue.path.join('.') || 'its top level'}: ${issue.message}`);
    }
    return parsed.data;
  }

  async write(session: TrainingSession, state: CheckpointState): Promise<void> {
    const step = { step: String(state.step) };
    for (const [name, network] of namedNetworks(session)) {
      await writeFileAtomic(this.file(name), encodeSafetensors(network.module.stateDict(), { ...network.metadata, ...step }));
    }
    // The optimizers' state dicts are copies: encoded inside a scope that frees them.
    const optimizers = tidy(() => {
      const all: StateDict = new Map();
      for (const [name, network] of namedNetworks(session)) {
        for (const [key, value] of network.optimizer.stateDict()) all.set(`${name}.${key}`, value);
      }
      return encodeSafetensors(all, step);
    });
    await writeFileAtomic(this.file('optimizers'), optimizers);
    await writeFileAtomic(this.statePath, new TextEncoder().encode(`${JSON.stringify(state, null, 2)}\n`));
  }

  /** Loads the weights and optimizer states of `state.step` into the session's networks. */
  async restore(session: TrainingSession, state: CheckpointState): Promise<void> {
    for (const [name, network] of namedNetworks(session)) {
      const weights = await this.read(name, state.step);
      try {
        network.module.loadStateDict(weights);
      } catch (error) {
        throw new InvalidInputError(this.file(name), `${name} weights of the network being trained`, (error as Error).message, { cause: error });
      } finally {
        for (const tensor of weights.values()) tensor.dispose();
      }
    }
    const optimizers = await this.read('optimizers', state.step);
    try {
      for (const [name, network] of namedNetworks(session)) {
        const prefix = `${name}.`;
        const own = new Map([...optimizers].filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key.slice(prefix.length), value]));
        try {
          if (own.size === 0 && state.step > 0) throw new Error(`no ${prefix}* entries`);
          network.optimizer.loadStateDict(own);
        } catch (error) {
          throw new InvalidInputError(this.file('optimizers'), `the ${name} optimizer's state`, (error as Error).message, { cause: error });
        }
      }
    } finally {
      for (const tensor of optimizers.values()) tensor.dispose();
    }
  }

  file(name: string): string {
    return join(this.folder, `${name}.safetensors`);
  }

  /** A checkpoint file's tensors, refused when missing, unreadable or of another step. */
  private async read(name: string, step: number): Promise<StateDict> {
    const path = this.file(name);
    const bytes = await readFile(path).catch((error: unknown) => {
      throw new InvalidInputError(path, `the ${name} file of the checkpoint at step ${step}`, (error as Error).message, { cause: error });
    });
    const { stateDict, metadata } = decodeSafetensors(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), path);
    if (metadata.step !== String(step)) {
      for (const tensor of stateDict.values()) tensor.dispose();
      throw new InvalidInputError(path, `the ${name} file of the checkpoint at step ${step} (as training.json says)`,
        metadata.step === undefined ? 'a file without a step' : `the file of step ${metadata.step} (a run interrupted while writing its checkpoint?)`);
    }
    return stateDict;
  }
}
