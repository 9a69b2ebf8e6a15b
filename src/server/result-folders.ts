import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { JobNotFoundError } from './errors.js';
import { isJobId } from './job-id.js';

const resultName = 'result.png';

/**
 * One folder per job under a root: `<root>/<job id>/result.png`. Every path is built from an id
 * that has been checked to be exactly a job id, so no request text ever reaches the file system.
 */
export class ResultFolders {
  private constructor(
    readonly root: string,
    /** Whether the root is a temporary folder of ours, removed on close. */
    private readonly ownsRoot: boolean,
  ) {}

  /** Opens (creating it if needed) `root`, or a fresh temporary folder when none is given. */
  static async open(root?: string): Promise<ResultFolders> {
    if (root === undefined) return new ResultFolders(await mkdtemp(join(tmpdir(), 'inpaint-serve-')), true);
    const absolute = resolve(root);
    await mkdir(absolute, { recursive: true, mode: 0o700 });
    return new ResultFolders(absolute, false);
  }

  resultPath(id: string): string {
    return join(this.folderOf(id), resultName);
  }

  /** Writes a job's result: it appears complete or not at all. */
  async writeResult(id: string, png: Uint8Array): Promise<void> {
    await mkdir(this.folderOf(id), { mode: 0o700 });
    await writeFileAtomic(this.resultPath(id), png);
  }

  async remove(id: string): Promise<void> {
    await rm(this.folderOf(id), { recursive: true, force: true });
  }

  /**
   * Removes job folders last changed more than `ttlMs` ago: those a previous run (or a crash)
   * left behind. Only entries named exactly like a job id are considered. Returns the ids removed.
   */
  async removeExpired(ttlMs: number, now = Date.now()): Promise<string[]> {
    const removed: string[] = [];
    for (const name of await readdir(this.root)) {
      if (!isJobId(name)) continue;
      const info = await stat(join(this.root, name)).catch(() => null);
      if (info?.isDirectory() && now - info.mtimeMs > ttlMs) {
        await this.remove(name);
        removed.push(name);
      }
    }
    return removed;
  }

  /** Removes the root when it is a temporary folder of ours; a given root stays. */
  async close(): Promise<void> {
    if (this.ownsRoot) await rm(this.root, { recursive: true, force: true });
  }

  private folderOf(id: string): string {
    if (!isJobId(id)) throw new JobNotFoundError(id);
    return join(this.root, id);
  }
}
