import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFileAtomic, writeFileOnce } from '../io/atomic-write.js';
import { JobNotFoundError } from './errors.js';
import { isJobId } from './job-id.js';
import type { JobKind } from './job.js';
import type { JobStorage } from './job-storage.js';
import type { UploadDestination } from './multipart-form.js';

const resultNames: Readonly<Record<JobKind, string>> = { image: 'result.png', video: 'result.mp4' };

/**
 * A job's uploads, kept in its folder while it runs. Fixed names: what an upload is called
 * never comes from the request. The mask image keeps an image extension, which is how
 * openVideoMask tells it from a mask video; mask frames are a folder of numbered PNGs.
 */
const inputNames = {
  video: 'input-video',
  maskImage: 'input-mask.png',
  maskVideo: 'input-mask-video',
  /** Any other uploaded file, written as it arrives and read back once complete. */
  uploadedImage: 'upload-image',
  uploadedMask: 'upload-mask',
  /** An image job's image, when it goes through a shared queue (its mask: maskImage). */
  image: 'input-image',
  /** Mask frames JSON of a video job, written out as numbered PNGs. */
  maskFrames: 'input-mask-frames',
  uploadedKeys: 'upload-keys',
} as const;
export type JobInputName = keyof typeof inputNames;

/** The input name of each uploaded file field. */
const uploadNames: Readonly<Record<string, JobInputName>> = { video: 'video', image: 'uploadedImage', mask: 'uploadedMask', keys: 'uploadedKeys' };

/**
 * One folder per job under a root: `<root>/<job id>/result.png` (or `result.mp4`), and a job's
 * uploads beside it while it runs. Every path is built from an id that has been checked to be
 * exactly a job id and from fixed names, so no request text ever reaches the file system. The
 * root may be a folder every machine of a cluster mounts: files appear complete or not at all.
 */
export class ResultFolders implements JobStorage {
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

  resultPath(id: string, kind: JobKind = 'image'): string {
    return join(this.folderOf(id), resultNames[kind]);
  }

  inputPath(id: string, name: JobInputName): string {
    return join(this.folderOf(id), inputNames[name]);
  }

  /** Makes a job's folder before its uploads are written into it. */
  async create(id: string): Promise<void> {
    await mkdir(this.folderOf(id), { mode: 0o700 });
  }

  /**
   * Where a request's uploads are written as they arrive: the job's folder, made with the first
   * file; `keepOnDisk` as readMultipartForm takes it.
   */
  uploadDestination(id: string, keepOnDisk: readonly string[] = []): UploadDestination {
    let made: Promise<void> | undefined;
    return {
      keepOnDisk,
      path: async (field) => {
        made ??= this.create(id);
        await made;
        const name = uploadNames[field];
        if (!name) throw new Error(`no upload name for the form field ${field}`);
        return this.inputPath(id, name);
      },
    };
  }

  /** Removes a job's uploads (its result stays): once the work has ended they are no longer needed. */
  async removeInputs(id: string): Promise<void> {
    await Promise.all(Object.values(inputNames).map((name) => rm(join(this.folderOf(id), name), { recursive: true, force: true })));
  }

  /** Writes one of a job's uploads, complete or not at all, into its folder (made if missing). */
  async writeInput(id: string, name: JobInputName, bytes: Uint8Array): Promise<void> {
    await mkdir(this.folderOf(id), { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.inputPath(id, name), bytes);
  }

  /**
   * Writes an image job's result: it appears complete or not at all, and once: a second run of
   * the same job (retried after its worker seemed lost) leaves the first result in place.
   */
  async writeResult(id: string, png: Uint8Array): Promise<void> {
    // The folder exists already when the uploads went through it.
    await mkdir(this.folderOf(id), { recursive: true, mode: 0o700 });
    await writeFileOnce(this.resultPath(id), png);
  }

  /** Whether a job's result is there (a run that wrote it may have been lost before it said so). */
  async hasResult(id: string, kind: JobKind): Promise<boolean> {
    return (await stat(this.resultPath(id, kind)).catch(() => null))?.isFile() === true;
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
