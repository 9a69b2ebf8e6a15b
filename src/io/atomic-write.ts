import { link, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InvalidInputError } from '../core/errors.js';
import { notWritable } from './output-folder.js';
import { followOutputLink, sweepStaleTemporaries, temporaryName } from './output-path.js';

/**
 * Writes `bytes` to `output` (through a symbolic link: to the file it points to) by way of a
 * temporary file in the same folder, renamed when complete: a failure (or a crash) never leaves a
 * partial file under the final name, and what a killed process left there is swept first.
 */
export async function writeFileAtomic(output: string, bytes: Uint8Array): Promise<void> {
  const path = await followOutputLink(output);
  await throughTemporary(path, output, bytes, (temporary) => rename(temporary, path));
}

/**
 * Like writeFileAtomic, but the first complete file stays: when `path` already exists nothing is
 * replaced and false is returned. For a result that two runs of the same job may both produce
 * (a worker thought dead that was only slow): it is written once. The hard link is atomic on
 * local and network file systems alike.
 */
export async function writeFileOnce(path: string, bytes: Uint8Array): Promise<boolean> {
  let written = true;
  await throughTemporary(path, path, bytes, async (temporary) => {
    await link(temporary, path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
      written = false;
    });
    await unlink(temporary);
  });
  return written;
}

/** Writes `bytes` beside `path` and publishes them; errors name `output`, the path the caller gave. */
async function throughTemporary(path: string, output: string, bytes: Uint8Array, publish: (temporary: string) => Promise<void>): Promise<void> {
  const folder = dirname(path);
  await assertFolderExists(path, folder);
  await sweepStaleTemporaries(folder);
  const temporary = temporaryName(path);
  try {
    await writeFile(temporary, bytes, { flag: 'wx' });
    await publish(temporary);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw notWritable(output, error);
  }
}

async function assertFolderExists(path: string, folder: string): Promise<void> {
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) {
    throw new InvalidInputError(path, 'a path inside an existing folder', `a folder that does not exist (${folder})`);
  }
}
