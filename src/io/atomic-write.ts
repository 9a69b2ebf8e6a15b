import { randomBytes } from 'node:crypto';
import { rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InvalidInputError } from '../core/errors.js';
import { notWritable } from './output-folder.js';

/**
 * Writes `bytes` to `path` through a temporary file in the same folder, renamed when complete:
 * a failure (or a crash) never leaves a partial file under the final name.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const folder = dirname(path);
  await assertFolderExists(path, folder);
  // Dot-prefixed and ending in .tmp, so that folder listings and git both pass it by.
  const temporary = join(folder, `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw notWritable(path, error);
  }
}

async function assertFolderExists(path: string, folder: string): Promise<void> {
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) {
    throw new InvalidInputError(path, 'a path inside an existing folder', `a folder that does not exist (${folder})`);
  }
}
