import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';

/** Extensions a batch picks up from a folder; other files (notes, sidecars) are left alone. */
export const imageExtensions = ['.png', '.jpg', '.jpeg', '.webp', '.tif', '.tiff', '.gif', '.avif'];

/** One image of a batch with the mask it is to be filled with. */
export interface BatchItem {
  readonly image: string;
  /** The file name without extension: outputs are named after it and masks matched by it. */
  readonly stem: string;
  /** Absent with masks from the image's own alpha channel. */
  readonly mask?: string;
  /** Why this image cannot be processed (no mask, ambiguous mask, clashing output name). */
  readonly problem?: string;
}

export interface BatchPlan {
  readonly items: readonly BatchItem[];
  /** Folders holding the inputs: the output folder must be none of them. */
  readonly inputFolders: readonly string[];
}

/**
 * Pairs images with masks: `image` and `mask` are each a file or a folder. A mask folder is
 * matched by stem (image a.jpg takes mask a.png); a mask file serves every image; no mask at all
 * means each image's alpha channel. Problems with single images are recorded on them, so that
 * the rest of the batch still runs.
 */
export async function planBatch(image: string, mask: string | undefined, maskFromAlpha: boolean): Promise<BatchPlan> {
  const images = await listInputs(image, '--image');
  if (mask === undefined && !maskFromAlpha) {
    throw new InvalidOptionError('--mask', "a mask file or folder (or --mask-from-alpha to use each image's alpha)", undefined);
  }
  const masks = mask === undefined ? undefined : await listInputs(mask, '--mask');
  const byStem = masks?.isFolder ? groupByStem(masks.files) : undefined;
  const seenStems = new Map<string, string>();

  const items = images.files.map((path): BatchItem => {
    const stem = stemOf(path);
    const earlier = seenStems.get(stem);
    if (earlier) return { image: path, stem, problem: `its output would overwrite that of ${basename(earlier)}` };
    seenStems.set(stem, path);
    if (!masks) return { image: path, stem };
    if (!byStem) return { image: path, stem, mask: masks.files[0] };
    const candidates = byStem.get(stem) ?? [];
    if (candidates.length === 0) return { image: path, stem, problem: `no mask named ${stem}.* in ${mask}` };
    if (candidates.length > 1) {
      return { image: path, stem, problem: `several masks match: ${candidates.map((c) => basename(c)).join(', ')}` };
    }
    return { image: path, stem, mask: candidates[0] };
  });
  return { items, inputFolders: masks ? [images.folder, masks.folder] : [images.folder] };
}

/** Refuses an output folder that holds inputs: outputs named <stem>.png could replace them. */
export async function assertSeparateOutputFolder(output: string, inputFolders: readonly string[]): Promise<void> {
  const target = await realpath(output).catch(() => null);
  if (target === null) return;
  for (const folder of inputFolders) {
    if ((await realpath(folder)) === target) {
      throw new InvalidOptionError('--output', 'a folder other than the image and mask folders', output);
    }
  }
}

async function listInputs(path: string, flag: string): Promise<{ files: string[]; folder: string; isFolder: boolean }> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new InvalidInputError(path, `an image file or a folder of images for ${flag}`, 'nothing at that path');
  if (!info.isDirectory()) return { files: [path], folder: dirname(path), isFolder: false };
  const names = (await readdir(path))
    .filter((name) => !name.startsWith('.') && imageExtensions.includes(extname(name).toLowerCase()))
    .sort();
  if (names.length === 0) {
    throw new InvalidInputError(path, `a folder holding images (${imageExtensions.join(', ')})`, 'a folder without any');
  }
  return { files: names.map((name) => join(path, name)), folder: path, isFolder: true };
}

function groupByStem(files: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const stem = stemOf(file);
    groups.set(stem, [...(groups.get(stem) ?? []), file]);
  }
  return groups;
}

function stemOf(path: string): string {
  const name = basename(path);
  return name.slice(0, name.length - extname(name).length);
}
