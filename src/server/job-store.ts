import { CancelledError } from '../core/errors.js';
import type { ServerLimits } from './config.js';
import { errorResponse } from './error-response.js';
import { JobNotFoundError, ResultNotReadyError } from './errors.js';
import { Job } from './job.js';
import { isJobId } from './job-id.js';
import type { JobWork } from './job-work.js';
import { runLimited } from './limited-run.js';
import type { ResultFolders } from './result-folders.js';
import type { WorkQueue } from './work-queue.js';

/** A done job's result file, as `GET /api/v1/jobs/:id/result` sends it. */
export interface JobResult {
  readonly path: string;
  readonly contentType: 'image/png' | 'video/mp4';
  readonly fileName: string;
}

/**
 * The jobs of one server: runs each in the shared work queue under the time limit, writes its
 * result to its own folder, and forgets it (folder included) `resultTtlMs` after it ends.
 */
export class JobStore {
  private readonly jobs = new Map<string, Job>();
  /** Settles when a job has ended and its result, if any, is written. */
  private readonly settled = new Map<string, Promise<void>>();
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly folders: ResultFolders,
    private readonly queue: WorkQueue,
    private readonly limits: ServerLimits,
    /** Told of failures that are the server's fault (not the input's), for the log. */
    private readonly onInternalError: (error: unknown) => void,
  ) {}

  /**
   * Queues a job's work; throws QueueFullError when the queue has no place, and then registers
   * nothing and removes the job's folder (a video job's uploads are already in it).
   */
  submit(work: JobWork): Job {
    const job = new Job(work.id, work.kind, work.method);
    let run: Promise<void>;
    try {
      run = runLimited(
        (signal) =>
          work.run({
            signal,
            onProgress: (fraction, stage) => job.reportProgress(fraction, stage),
            onNote: (message) => job.addNote(message),
          }),
        { queue: this.queue, timeLimitMs: this.limits.jobTimeLimitMs, signal: job.controller.signal, onStart: () => job.start() },
      );
    } catch (error) {
      void this.folders.remove(work.id).catch(this.onInternalError);
      throw error;
    }
    this.jobs.set(job.id, job);
    const ended = run.then(
      () => ({ state: 'done' as const, error: undefined }),
      (error: unknown) => ({ state: error instanceof CancelledError && job.controller.signal.aborted ? ('cancelled' as const) : ('failed' as const), error }),
    );
    this.settled.set(
      job.id,
      ended.then(async ({ state, error }) => {
        // Once the work has stopped the uploads are of no more use: a done job keeps only its
        // result, any other keeps nothing.
        const tidy = state === 'done' ? this.folders.removeInputs(job.id) : this.folders.remove(job.id);
        await tidy.catch(this.onInternalError);
        this.end(job, state, error);
      }),
    );
    return job;
  }

  /** The job with this id; a malformed id is never looked up anywhere (JobNotFoundError). */
  get(id: string): Job {
    const job = isJobId(id) ? this.jobs.get(id) : undefined;
    if (!job) throw new JobNotFoundError(id);
    return job;
  }

  /**
   * Stops a queued or running job and waits until its work has really stopped. A job that had
   * already ended is removed at once, its result with it: its id is unknown from then on.
   */
  async cancelOrRemove(id: string): Promise<Job> {
    const job = this.get(id);
    const ended = job.state !== 'queued' && job.state !== 'running';
    job.controller.abort();
    await this.settled.get(id);
    if (ended) {
      clearTimeout(this.expiryTimers.get(id));
      await this.expire(id);
    }
    return job;
  }

  /** A done job's result: its file and what it is; ResultNotReadyError for a job without one. */
  result(id: string): JobResult {
    const job = this.get(id);
    if (job.state !== 'done') throw new ResultNotReadyError(id, job.state);
    const path = this.folders.resultPath(id, job.kind);
    return job.kind === 'video'
      ? { path, contentType: 'video/mp4', fileName: `inpainted-${id}.mp4` }
      : { path, contentType: 'image/png', fileName: `inpainted-${id}.png` };
  }

  /** Cancels every job, waits for their work to stop, and removes every job folder. */
  async close(): Promise<void> {
    for (const job of this.jobs.values()) job.controller.abort();
    await Promise.all(this.settled.values());
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
    await Promise.all([...this.jobs.keys()].map((id) => this.expire(id)));
  }

  private end(job: Job, state: 'done' | 'failed' | 'cancelled', error?: unknown): void {
    if (state === 'failed') {
      const { status, body } = errorResponse(error);
      if (status >= 500) this.onInternalError(error);
      job.finish(state, this.limits.resultTtlMs, body.error);
    } else {
      job.finish(state, this.limits.resultTtlMs);
    }
    const timer = setTimeout(() => void this.expire(job.id), this.limits.resultTtlMs);
    timer.unref();
    this.expiryTimers.set(job.id, timer);
  }

  private async expire(id: string): Promise<void> {
    this.jobs.delete(id);
    this.settled.delete(id);
    this.expiryTimers.delete(id);
    await this.folders.remove(id).catch(this.onInternalError);
  }
}
