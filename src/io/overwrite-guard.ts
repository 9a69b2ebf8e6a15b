import { stat } from 'node:fs/promises';
import { OverwriteInputError } from '../core/errors.js';

/**
 * Throws OverwriteInputError when `output` is the same file as one of `inputs`. Files are compared
 * by identity (device and inode), which sees through relative paths, symbolic and hard links.
 * An output that does not exist yet cannot be an input.
 */
export async function assertNotAnInput(output: string, inputs: readonly string[]): Promise<void> {
  if (inputs.length === 0) return;
  const target = await statOrNull(output);
  if (!target) return;
  for (const input of inputs) {
    const source = await statOrNull(input);
    if (source && source.dev === target.dev && source.ino === target.ino) {
      throw new OverwriteInputError(output);
    }
  }
}

async function statOrNull(path: string): Promise<{ dev: number; ino: number } | null> {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}
