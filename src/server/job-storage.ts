import type { JobKind } from './job.js';
import type { UploadDestination } from './multipart-form.js';
import type { JobInputName } from './result-folders.js';

/**
 * Where jobs keep their uploads and results: a folder on this machine, or one that every machine
 * of a cluster mounts (ResultFolders); an object store can follow behind the same methods. Every
 * write appears complete or not at all; ids are checked to be job ids before any use.
 */
export interface JobStorage {
  /** A local path the work reads or writes (ffmpeg needs one); an object store would stage it. */
  inputPath(id: string, name: JobInputName): string;
  resultPath(id: string, kind?: JobKind): string;
  create(id: string): Promise<void>;
  /** Where a request's uploaded files go as they arrive: into the job's folder. */
  uploadDestination(id: string, keepOnDisk?: readonly string[]): UploadDestination;
  writeInput(id: string, name: JobInputName, bytes: Uint8Array): Promise<void>;
  writeResult(id: string, png: Uint8Array): Promise<void>;
  hasResult(id: string, kind: JobKind): Promise<boolean>;
  /** Removes the uploads of a job whose work has ended; its result stays. */
  removeInputs(id: string): Promise<void>;
  /** Removes everything of a job. */
  remove(id: string): Promise<void>;
  /** Removes jobs last changed more than `ttlMs` ago; returns their ids. */
  removeExpired(ttlMs: number, now?: number): Promise<string[]>;
  close(): Promise<void>;
}
