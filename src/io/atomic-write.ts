import { randomBytes } from 'node:crypto';
import { link, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InvalidInputError } from '../core/errors.js';

/**
 * Writes `bytes` to `path` through a temporary file in the same folder, renamed when complete:
 * a failure (or a crash) never leaves a partial file under the final name.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await throughTemporary(path, bytes, (temporary) => rename(temporary, path));
}

/**
 * Like writeFileAtomic, but the first complete file stays: when `path` already exists nothing is
 * replaced and false is returned. For a result that two runs of the same job may both produce
 * (a worker thought dead that was only slow): it is written once. The hard link is atomic on
 * local and network file systems alike.
 */
export async function writeFileOnce(path: string, bytes: Uint8Array): Promise<boolean> {
  let written = true;
  await throughTemporary(path, bytes, async (temporary) => {
    await link(temporary, path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
      written = false;
    });
    await unlink(temporary);
  });
  return written;
}

async function throughTemporary(path: string, bytes: Uint8Array, publish: (temporary: string) => Promise<void>): Promise<void> {
  const folder = dirname(path);
  await assertFolderExists(path, folder);
  // Dot-prefixed and ending in .tmp, so that folder listings and git both pass it by.
  const temporary = join(folder, `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, bytes, { flag: 'wx' });
    await publish(temporary);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

async function assertFolderExists(path: string, folder: string): Promise<void> {
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) {
    throw new InvalidInputError(path, 'a path inside an existing folder', `a folder that does not exist (${folder})`);
  }
}
