import { rename, stat, unlink, writeFile } from 'node:fs/promises';
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
  const folder = dirname(path);
  await assertFolderExists(path, folder);
  await sweepStaleTemporaries(folder);
  const temporary = temporaryName(path);
  try {
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, path);
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
