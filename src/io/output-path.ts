import { randomBytes } from 'node:crypto';
import { lstat, readdir, readlink, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Where an output really goes: an output path that is a symbolic link is followed (the file it
 * points to is written, the link stays), as a shell's `>` does; replacing the link itself would
 * surprise whoever made it. A chain of links is followed to its end, a dangling one to its target.
 */
export async function followOutputLink(path: string): Promise<string> {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    const info = await lstat(current).catch(() => null);
    if (!info?.isSymbolicLink()) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  return current;
}

/**
 * A new temporary name beside `path` for an output written there and renamed when complete.
 * Dot-prefixed and ending in .tmp, so that folder listings and git both pass it by; it carries
 * the process id, so that sweepStaleTemporaries can tell an abandoned one.
 */
export function temporaryName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

const temporaryPattern = /^\..+\.(\d+)-[0-9a-f]{8}\.tmp$/;
const swept = new Set<string>();

/**
 * Removes, once per folder and process, the temporary outputs that a process killed outright
 * (SIGKILL, power loss) left in `folder`: those whose process is no longer running. Those of
 * running processes (another inpaint writing there now) are left alone.
 */
export async function sweepStaleTemporaries(folder: string): Promise<void> {
  if (swept.has(folder)) return;
  swept.add(folder);
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(temporaryPattern.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isRunning(pid)) await rm(join(folder, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
