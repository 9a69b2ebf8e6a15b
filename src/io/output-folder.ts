import { randomBytes } from 'node:crypto';
import { mkdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InvalidInputError } from '../core/errors.js';

const writableExpectation = 'an output folder that can be written to';

/**
 * Checks, before any work, that the folder an output goes to (`output`'s folder) exists and takes
 * a new file: a read-only or immutable folder would otherwise fail only after the whole fill was
 * computed. Permissions alone do not tell (root, read-only mounts, immutable folders), so a file
 * is made and removed.
 */
export async function assertWritableOutput(output: string): Promise<void> {
  const folder = dirname(output);
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new InvalidInputError(output, 'a path inside an existing folder', `a folder that does not exist (${folder})`);
  const probe = join(folder, `.inpaint-write-check.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(probe, '', { flag: 'wx' }).catch((error: unknown) => {
    throw notWritable(output, error);
  });
  await unlink(probe);
}

/**
 * Makes the output folder of a batch (`flag` names it in errors) if missing, after checking it is
 * not a file, and checks that it takes new files.
 */
export async function prepareOutputFolder(folder: string, flag: string): Promise<void> {
  const info = await stat(folder).catch(() => null);
  if (info && !info.isDirectory()) throw new InvalidInputError(folder, `a folder for ${flag} (made if missing)`, 'a file');
  await mkdir(folder, { recursive: true }).catch((error: unknown) => {
    throw new InvalidInputError(folder, `a folder for ${flag} that can be made`, fsReason(error), { cause: error });
  });
  await assertWritableOutput(join(folder, 'output'));
}

/** A write refused by the file system, as an input error naming the output rather than a temporary name. */
export function notWritable(output: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') return error;
  return new InvalidInputError(output, writableExpectation, `a folder that refuses new files (${fsReason(error)})`, { cause: error });
}

function fsReason(error: unknown): string {
  const { code } = error as NodeJS.ErrnoException;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'a read-only file system';
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a path through a file';
  return error instanceof Error ? error.message : String(error);
}
