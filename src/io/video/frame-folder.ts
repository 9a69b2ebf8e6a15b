import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { InvalidInputError } from '../../core/errors.js';

const frameExtensions = new Set(['.png', '.jpg', '.jpeg']);

/** A frame file and the number in its name. */
export interface NumberedFrame {
  readonly path: string;
  readonly number: number;
}

/**
 * The numbered frame files (PNG, JPEG) of a folder, in order of the last number in their names
 * (`frame2.png` before `frame10.png`); names without a number are not frames and are skipped.
 */
export async function listFrameFiles(folder: string): Promise<string[]> {
  return (await listNumberedFrames(folder)).map((frame) => frame.path);
}

/** listFrameFiles with each file's number; two files of the same number are refused. */
export async function listNumberedFrames(folder: string): Promise<NumberedFrame[]> {
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
  for (let i = 1; i < frames.length; i++) {
    if (frames[i].number === frames[i - 1].number) {
      throw new InvalidInputError(folder, 'one frame file per number', `${frames[i - 1].name} and ${frames[i].name}`);
    }
  }
  return frames.map((frame) => ({ path: join(folder, frame.name), number: frame.number }));
}

/** The first jump in a numbering (`8 to 10`), or undefined when it runs on without one. */
export function numberingGap(numbers: readonly number[]): string | undefined {
  for (let i = 1; i < numbers.length; i++) {
    if (numbers[i] !== numbers[i - 1] + 1) return `${numbers[i - 1]} to ${numbers[i]}`;
  }
  return undefined;
}
