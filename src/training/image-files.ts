import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { InvalidInputError } from '../core/errors.js';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.tif', '.tiff']);

/**
 * The image files of a folder (not its subfolders), as paths, sorted so that a seeded run draws the
 * same files on every machine; `what` says in the error what the folder should have held.
 */
export async function imageFiles(folder: string, what: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
    throw new InvalidInputError(folder, `a readable folder of ${what}`, (error as Error).message, { cause: error });
  });
  // Symbolic links count too: a training set is often a folder of links to photos elsewhere.
  const names = entries.filter((e) => (e.isFile() || e.isSymbolicLink()) && IMAGE_EXTENSIONS.has(extname(e.name).toLowerCase())).map((e) => e.name);
  if (names.length === 0) throw new InvalidInputError(folder, `a folder of ${what} (PNG, JPEG, WebP, TIFF)`, 'none');
  return names.sort().map((name) => join(folder, name));
}
