import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError, InvalidOptionError } from '../../core/errors.js';

const LAYOUT = 'the video benchmark layout: video/NAME/frames/*.png and video/NAME/masks/*.png';

/** One benchmark clip: its frames and their masks, paired by position in name order. */
export interface VideoClip {
  readonly name: string;
  /** Frame file names (`00000.png`, ...), sorted; also the names of the written outputs. */
  readonly frameNames: readonly string[];
  readonly framePaths: readonly string[];
  readonly maskPaths: readonly string[];
}

/**
 * The clips of `dataDir/video`, sorted by name, each with its frames and masks listed as the
 * reference scorer globs them (`sorted(glob("frames/*.png"))`: hidden files excluded, names sorted
 * as strings) and the same number of each. `names` picks clips (in the order given); a name that
 * is not a clip is an error listing the clips there are.
 */
export async function listVideoClips(dataDir: string, names?: readonly string[]): Promise<VideoClip[]> {
  const videoDir = join(dataDir, 'video');
  const info = await stat(videoDir).catch(() => null);
  if (!info?.isDirectory()) {
    const dataInfo = await stat(dataDir).catch(() => null);
    const received = dataInfo?.isDirectory() ? 'a folder without video/' : 'no such folder';
    throw new InvalidInputError(dataDir, `a benchmark data folder in ${LAYOUT}`, received);
  }
  const available = (await readdir(videoDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  if (available.length === 0) throw new InvalidInputError(videoDir, `at least one clip folder (${LAYOUT})`, 'none');
  if (names) {
    if (names.length === 0) throw new InvalidOptionError('clips', `clip names among ${available.join(', ')}`, names);
    const unknown = names.filter((n) => !available.includes(n));
    if (unknown.length > 0) {
      throw new InvalidOptionError('clips', `clip names among ${available.join(', ')}`, unknown.join(','));
    }
  }
  return Promise.all((names ?? available).map((name) => readClip(videoDir, name)));
}

async function readClip(videoDir: string, name: string): Promise<VideoClip> {
  const frameNames = await pngNames(join(videoDir, name, 'frames'));
  const maskNames = await pngNames(join(videoDir, name, 'masks'));
  if (frameNames.length !== maskNames.length) {
    throw new InvalidInputError(
      join(videoDir, name),
      'one mask per frame',
      `${frameNames.length} frames and ${maskNames.length} masks`,
    );
  }
  return {
    name,
    frameNames,
    framePaths: frameNames.map((f) => join(videoDir, name, 'frames', f)),
    maskPaths: maskNames.map((m) => join(videoDir, name, 'masks', m)),
  };
}

async function pngNames(folder: string): Promise<string[]> {
  const entries = await readdir(folder).catch(() => {
    throw new InvalidInputError(folder, `a folder of PNG files (${LAYOUT})`, 'no such folder');
  });
  // Code-unit order, as Python's sorted() puts ASCII names.
  const names = entries.filter((e) => e.endsWith('.png') && !e.startsWith('.')).sort();
  if (names.length === 0) throw new InvalidInputError(folder, 'at least one .png file', 'none');
  return names;
}
