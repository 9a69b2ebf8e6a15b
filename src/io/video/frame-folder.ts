import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { InvalidInputError } from '../../core/errors.js';

const frameExtensions = new Set(['.png', '.jpg', '.jpeg']);

/**
 * The numbered frame files (PNG, JPEG) of a folder, in order of the last number in their names
 * (`frame2.png` before `frame10.png`); names without a number are not frames and are skipped.
 */
export async function listFrameFiles(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    throw new InvalidInputError(folder, 'a readable folder of frames', (error as Error).message, { cause: error });
  }
  const frames: { name: string; number: number }[] = [];
  for (const name of names) {
    if (name.startsWith('.') || !frameExtensions.has(extname(name).toLowerCase())) continue;
    const digits = name.slice(0, -extname(name).length).match(/(\d+)(?!.*\d)/);
    if (digits) frames.push({ name, number: Number(digits[1]) });
  }
  if (frames.length === 0) {
    throw new InvalidInputError(folder, 'a folder of numbered PNG or JPEG frames', 'no such frame in it');
  }
  frames.sort((a, b) => a.number - b.number || (a.name < b.name ? -1 : 1));
  return frames.map((frame) => join(folder, frame.name));
}
