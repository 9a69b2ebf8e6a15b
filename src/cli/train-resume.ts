import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';

/** What `inpaint train --resume` may change, as given on the command line. */
export interface ResumeFlags {
  readonly out: string;
  readonly cnum?: number;
  readonly dCnum?: number;
}

/** The files a run in `--out` is resumed from, besides training.json. */
const checkpointFiles = ['generator.safetensors', 'discriminator.safetensors'];

/**
 * Checks, before any network is built, that the run in `--out` can be resumed: its training.json
 * is a training state, its checkpoint files are there, and a width given again is the run's own
 * (a network cannot change width halfway). Each problem is an input error naming the file or
 * flag. A folder without training.json has nothing to resume: the training says so and starts.
 */
export async function checkResumable(flags: ResumeFlags): Promise<void> {
  const statePath = join(flags.out, 'training.json');
  const text = await readFile(statePath, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  const state = parseState(statePath, text);
  for (const name of checkpointFiles) {
    const path = join(flags.out, name);
    if (!(await stat(path).catch(() => null))?.isFile()) {
      throw new InvalidInputError(path, `the ${name.split('.')[0]} checkpoint of the run being resumed (step ${state.step})`, 'no such file');
    }
  }
  for (const [flag, given, saved] of [['--cnum', flags.cnum, state.cnum], ['--d-cnum', flags.dCnum, state.dCnum]] as const) {
    if (given !== undefined && given !== saved) {
      throw new InvalidOptionError(flag, `the resumed run's own width, ${saved} (or leave ${flag} out with --resume)`, given);
    }
  }
}

function parseState(path: string, text: string): { step: number; cnum: unknown; dCnum: unknown } {
  const expected = 'a training state written by inpaint train (JSON with model and step)';
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch {
    throw new InvalidInputError(path, expected, 'text that is not JSON');
  }
  const { model, step, cnum, dCnum } = (state ?? {}) as Record<string, unknown>;
  if (typeof model !== 'string' || !Number.isInteger(step)) throw new InvalidInputError(path, expected, 'JSON without them');
  return { step: step as number, cnum, dCnum };
}
