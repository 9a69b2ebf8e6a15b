import { mkdir, readdir, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import type { Mask } from '../../core/image.js';
import { InvalidInputError, InvalidOptionError, throwIfCancelled } from '../../core/errors.js';
import { writeMask } from '../../io/write-mask.js';
import { generateMasks, maskKinds, type MaskKind } from '../../masks/generate.js';
import { parseRatioRange } from '../../masks/ratio-range.js';
import { generateVideoMasks } from '../../masks/video-generate.js';
import { collectKeyFlag } from '../key-flags.js';
import { integerParser, parseSize, pointCollector } from '../option-values.js';
import { createProgressBar } from '../progress-bar.js';
import type { CliEnvironment } from '../terminal.js';
import { writeSelectedMask, type SelectFlags } from './masks-select.js';
import { writeTrackedMasks, type TrackFlags } from './masks-track.js';

interface MasksFlags extends Partial<TrackFlags>, Partial<SelectFlags> {
  readonly out: string;
  readonly size: { width: number; height: number };
  readonly count?: number;
  readonly ratio?: [number, number];
  readonly seed: number;
  readonly kind: MaskKind;
  readonly video?: boolean;
  readonly frames?: number;
}

export function registerMasksCommand(program: Command, env: CliEnvironment): void {
  program
    .command('masks')
    .description('generate random hole masks (PNG, 255 = hole) for testing and training, track a mask through a clip, or select an object with clicks')
    .requiredOption('--out <path>', 'folder to write the masks to (00.png, 01.png, ...; created if missing); with --track a new folder or a .mp4/.mkv/.webm mask video; with --select a PNG file')
    .addOption(
      new Option('--size <size>', 'mask size: 256 for 256x256, or WIDTHxHEIGHT such as 320x240')
        .argParser(parseSize)
        .default({ width: 256, height: 256 }, '256'),
    )
    .option('--count <n>', 'how many random masks to make (needed without --track and --select)', integerParser('--count', 1))
    .option('--ratio <range>', 'fraction of each random mask that is hole: MIN-MAX such as 0.2-0.3, or one value (needed without --track and --select)', parseRatioRange)
    .option('--seed <n>', 'seed of the random sequence: the same seed gives the same masks', integerParser('--seed', 0), 0)
    .addOption(new Option('--kind <kind>', 'brush strokes or one rectangle').choices(maskKinds).default('free-form'))
    .option('--video', 'make clips of free-form strokes that move and deform from frame to frame (needs --frames); --ratio holds for every frame')
    .option('--frames <n>', 'with --video: frames per clip', integerParser('--frames', 1))
    .option('--track <clip>', 'carry key-frame masks through a clip (video file or folder of frames) with optical flow: one mask per frame')
    .option('--key <frame=mask>', 'with --track: the object\'s mask (white = object) drawn on a frame, counted from 0, e.g. --key 0=first.png; repeatable, each frame takes its nearest key', collectKeyFlag)
    .option('--select <image>', 'select the object under --point clicks in an image (GrabCut: colour models and a graph cut, no weights)')
    .option('--point <x,y>', 'with --select: a pixel on the object, from the top-left corner; repeatable', pointCollector('--point'))
    .option('--exclude <x,y>', 'with --select: a pixel that is not the object; repeatable', pointCollector('--exclude'))
    .option('--dilate <pixels>', 'with --track or --select: grow each mask by this many pixels (disk-shaped), to cover halos', integerParser('--dilate', 0))
    .addHelpText(
      'after',
      [
        '',
        'With --video, each clip is a folder of masks named by frame, 00000.png, 00001.png, ...:',
        'OUT/00/, OUT/01/, ... one folder per clip, or, with --count 1, the frames straight in OUT/',
        '(a folder inpaint video takes as --mask). An interrupted clip leaves no frames behind; a clip',
        'folder that holds other PNGs (an earlier, longer clip) is refused.',
        '',
        'Examples:',
        '  $ inpaint masks --out masks/ --count 8 --ratio 0.2-0.3',
        '  $ inpaint masks --out boxes/ --size 320x240 --count 4 --ratio 0.1-0.2 --kind box --seed 7',
        '  $ inpaint masks --video --frames 48 --out clip-masks/ --size 432x320 --count 1 --ratio 0.05-0.1',
        '  $ inpaint masks --track clip.mp4 --key 0=first.png --key 90=later.png --out clip-masks.mp4 --dilate 4',
        '  $ inpaint masks --select photo.jpg --point 120,80 --point 140,95 --exclude 30,40 --out object.png',
        '',
        'With --track, each frame takes the mask of its nearest key frame, carried frame by frame by',
        'optical flow and fitted to the object\'s edges (a graph cut with the key frame\'s colours).',
        'A mask video is written lossless; a folder gets one PNG per frame, named like the clip\'s.',
      ].join('\n'),
    )
    .action((flags: MasksFlags, cmd: Command) => {
      const given = (name: string): boolean => cmd.getOptionValueSource(name) === 'cli';
      const mode = flags.track !== undefined ? '--track' : flags.select !== undefined ? '--select' : undefined;
      assertFlagsFit(mode, given);
      if (mode === '--track') return writeTrackedMasks(flags as TrackFlags, env);
      if (mode === '--select') return writeSelectedMask(flags as SelectFlags, env);
      if (flags.count === undefined) throw new InvalidOptionError('--count', 'how many masks to make (or --track / --select)', undefined);
      if (flags.ratio === undefined) throw new InvalidOptionError('--ratio', 'the masks\' hole fraction, such as 0.2-0.3', undefined);
      const random = { ...flags, count: flags.count, ratio: flags.ratio };
      if (flags.video) return writeVideoMasks(random, cmd.getOptionValueSource('kind') !== 'default', env);
      if (flags.frames !== undefined) throw new InvalidOptionError('--frames', 'to be used with --video', flags.frames);
      return writeMasks(random, env);
    });
}

/** Each flag belongs to one way of making masks: mixing them is refused rather than half-ignored. */
const flagsOfMode: Readonly<Record<string, readonly string[]>> = {
  '--track': ['key', 'dilate'],
  '--select': ['point', 'exclude', 'dilate'],
  random: ['size', 'count', 'ratio', 'seed', 'kind', 'video', 'frames'],
};

function assertFlagsFit(mode: '--track' | '--select' | undefined, given: (name: string) => boolean): void {
  if (given('track') && given('select')) throw new InvalidOptionError('--select', 'either --track or --select, not both', 'both');
  const allowed = flagsOfMode[mode ?? 'random'];
  for (const [other, names] of Object.entries(flagsOfMode)) {
    for (const name of names) {
      if (!allowed.includes(name) && given(name)) {
        const where = other === 'random' ? 'random masks (without --track and --select)' : other;
        throw new InvalidOptionError(`--${name}`, `to be used with ${where}`, mode ?? 'random masks');
      }
    }
  }
}

async function writeMasks(flags: MasksFlags & { count: number; ratio: [number, number] }, env: CliEnvironment): Promise<void> {
  // Validates every option before the folder is made or a mask is drawn.
  const masks = generateMasks({ kind: flags.kind, ...flags.size, count: flags.count, ratio: flags.ratio, seed: flags.seed });
  await mkdir(flags.out, { recursive: true });
  const digits = Math.max(2, String(flags.count - 1).length);
  const bar = createProgressBar(env.stderr, 'masks ');
  let index = 0;
  try {
    for (const mask of masks) {
      throwIfCancelled(env.signal);
      await writeMask(join(flags.out, `${String(index).padStart(digits, '0')}.png`), mask);
      index++;
      bar.update(index / flags.count, `${index}/${flags.count}`);
    }
  } finally {
    bar.clear();
  }
}

async function writeVideoMasks(flags: MasksFlags & { count: number; ratio: [number, number] }, kindGiven: boolean, env: CliEnvironment): Promise<void> {
  if (kindGiven) throw new InvalidOptionError('--kind', 'no --kind with --video (video masks are moving free-form strokes)', flags.kind);
  if (flags.frames === undefined) throw new InvalidOptionError('--frames', 'a number of frames per clip with --video', undefined);
  const { count } = flags, frames = flags.frames;
  // Validates every option before the folder is made or a mask is drawn.
  const clips = generateVideoMasks({ ...flags.size, frames, count, ratio: flags.ratio, seed: flags.seed });
  const clipDigits = Math.max(2, String(count - 1).length);
  // One clip straight in the folder: it is then a mask folder as inpaint video reads it.
  const folders = Array.from({ length: count }, (_, i) => (count === 1 ? flags.out : join(flags.out, String(i).padStart(clipDigits, '0'))));
  for (const folder of folders) await assertNoOtherFrames(folder, frameNames(frames));
  await mkdir(flags.out, { recursive: true });
  const bar = createProgressBar(env.stderr, 'masks ');
  let clipIndex = 0;
  try {
    for (const clip of clips) {
      await writeClip(folders[clipIndex], clip, frames, env.signal, (done) => {
        const total = clipIndex * frames + done;
        bar.update(total / (count * frames), count === 1 ? `${done}/${frames}` : `clip ${clipIndex + 1}/${count} ${done}/${frames}`);
      });
      clipIndex++;
    }
  } finally {
    bar.clear();
  }
}

/** A clip's frame file names: 00000.png, 00001.png, ... (more digits past 100000 frames). */
function frameNames(frames: number): string[] {
  const digits = Math.max(5, String(frames - 1).length);
  return Array.from({ length: frames }, (_, i) => `${String(i).padStart(digits, '0')}.png`);
}

/**
 * Refuses a clip folder that already holds PNGs this run would not overwrite (an earlier, longer
 * clip, say): they would be read as frames of the new clip.
 */
async function assertNoOtherFrames(folder: string, names: readonly string[]): Promise<void> {
  const existing = await readdir(folder).catch(() => [] as string[]);
  const wanted = new Set(names);
  const others = existing.filter((name) => name.toLowerCase().endsWith('.png') && !wanted.has(name)).sort();
  if (others.length > 0) {
    throw new InvalidInputError(folder, 'a folder without other PNG files, which would mix into the clip', `${others.length} other PNGs such as ${others[0]}`);
  }
}

/** Writes a clip's masks as 00000.png, 00001.png, ...; on failure or Ctrl-C, removes what it wrote. */
async function writeClip(folder: string, clip: Iterable<Mask>, frames: number, signal: AbortSignal, onFrame: (done: number) => void): Promise<void> {
  const names = frameNames(frames);
  const made = await mkdir(folder, { recursive: true });
  const written: string[] = [];
  try {
    for (const mask of clip) {
      throwIfCancelled(signal);
      const path = join(folder, names[written.length]);
      await writeMask(path, mask);
      written.push(path);
      onFrame(written.length);
    }
  } catch (error) {
    await Promise.all(written.map((path) => unlink(path).catch(() => undefined)));
    if (made !== undefined) await rmdir(folder).catch(() => undefined);
    throw error;
  }
}
