/**
 * An optimisation's checkpoint, one safetensors file: the generator (`generator.*`, official
 * names), Adam's state (`optimizer.*`), the noise maps, and in its metadata the step reached and
 * what the run was made of (frame count, working size, strides, batch length, seed). A resume with
 * anything different would optimise another problem, so it is refused with what differs.
 */
import { readFile } from 'node:fs/promises';
import { InvalidInputError } from '../../core/errors.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { decodeSafetensors, encodeSafetensors, tidy, type Adam, type StateDict, type Tensor } from '../../torch/index.js';
import type { EncoderDecoder2D } from './encoder-decoder-2d.js';

/** What must agree for a checkpoint to continue a run. */
export type RunIdentity = Record<'frames' | 'width' | 'height' | 'strides' | 'itersPerBatch' | 'seed' | 'depth', string>;

export async function writeCheckpoint(path: string, step: number, identity: RunIdentity, net: EncoderDecoder2D, optimizer: Adam, noise: Tensor): Promise<void> {
  const bytes = tidy(() => {
    const all: StateDict = new Map();
    for (const [key, value] of net.stateDict()) all.set(`generator.${key}`, value);
    for (const [key, value] of optimizer.stateDict()) all.set(`optimizer.${key}`, value);
    all.set('noise', noise);
    return encodeSafetensors(all, { ...identity, step: String(step) });
  });
  await writeFileAtomic(path, bytes);
}

/**
 * Loads a checkpoint into net and optimizer and returns its step and noise maps, or undefined when
 * there is no file at path.
 */
export async function readCheckpoint(path: string, identity: RunIdentity, net: EncoderDecoder2D, optimizer: Adam): Promise<{ step: number; noise: Tensor } | undefined> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new InvalidInputError(path, 'a readable internal-learning checkpoint', error.message, { cause: error });
  });
  if (!bytes) return undefined;
  const { stateDict, metadata } = decodeSafetensors(bytes);
  try {
    for (const [key, value] of Object.entries(identity)) {
      if (metadata[key] !== value) {
        throw new InvalidInputError(path, `a checkpoint of this run (${key} ${value})`, `${key} ${metadata[key] ?? 'missing'}: delete it or give another checkpoint path`);
      }
    }
    const part = (prefix: string): StateDict =>
      new Map([...stateDict].filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key.slice(prefix.length), value]));
    net.loadStateDict(part('generator.'));
    optimizer.loadStateDict(part('optimizer.'));
    const noise = stateDict.get('noise');
    if (!noise) throw new InvalidInputError(path, 'a checkpoint holding the noise maps', 'none');
    stateDict.delete('noise');
    return { step: Number(metadata.step), noise };
  } finally {
    for (const value of stateDict.values()) value.dispose();
  }
}
