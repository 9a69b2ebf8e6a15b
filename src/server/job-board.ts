import type { InpaintRequest } from './inpaint-input.js';
import type { JobEvent, JobStatus } from './job.js';
import type { JobResult } from './job-store.js';
import type { ReceivedJob } from './received-job.js';

/** A watch on a job's events: its status when the watch began, and the way to end it early. */
export interface JobWatch {
  readonly status: JobStatus;
  stop(): void;
}

/**
 * The jobs a server answers for, whoever runs them: this process (JobStore) or the workers of a
 * shared queue (QueuedJobs). The routes speak only to this. Unknown or malformed ids:
 * JobNotFoundError.
 */
export interface JobBoard {
  /** Takes a received job (QueueFullError when there is no place) and answers its first status. */
  submit(job: ReceivedJob): Promise<JobStatus>;
  status(id: string): Promise<JobStatus>;
  /**
   * Stops a queued or running job and waits until its work has stopped. A job that had already
   * ended is removed at once, its result with it: its id is unknown from then on.
   */
  cancelOrRemove(id: string): Promise<JobStatus>;
  /** A done job's result file; ResultNotReadyError for a job without one. */
  result(id: string): Promise<JobResult>;
  /**
   * The job's status now and, unless it has ended, each later event to `listener` until the end
   * event (the last).
   */
  watch(id: string, listener: (event: JobEvent) => void): Promise<JobWatch>;
  /** One inpainting to its PNG, for a request that waits for it (`POST /api/v1/inpaint`); stops when `signal` fires. */
  inpaint(request: InpaintRequest, signal: AbortSignal): Promise<Buffer>;
  close(): Promise<void>;
}
