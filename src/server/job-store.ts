import { CancelledError } from '../core/errors.js';
import type { ServerLimits } from './config.js';
import { errorResponse } from './error-response.js';
import { JobNotFoundError, ResultNotReadyError, VideoJobFailedError } from './errors.js';
import type { InpaintRequest } from './inpaint-input.js';
import { inpaintToPng } from './inpaint-to-png.js';
import { Job, type JobEvent, type JobKind, type JobStatus } from './job.js';
import type { JobBoard, JobWatch } from './job-board.js';
import { isJobId } from './job-id.js';
import type { JobStorage } from './job-storage.js';
import { runLimited } from './limited-run.js';
import { jobWorkFor, type ReceivedJob } from './received-job.js';
import type { WorkQueue } from './work-queue.js';

/** A done job's result file, as `GET /api/v1/jobs/:id/result` sends it. */
export interface JobResult {
  readonly path: string;
  readonly contentType: 'image/png' | 'video/mp4';
  readonly fileName: string;
}

/**
 * The jobs of one server, run in this process: each in the work queue (shared with
 * `POST /api/v1/inpaint`) under the time limit, its result written to its own folder, forgotten
 * (folder included) `resultTtlMs` after it ends.
 */
export class JobStore implements JobBoard {
  private readonly jobs = new Map<string, Job>();
  /** Settles when a job has ended and its result, if any, is written. */
  private readonly settled = new Map<string, Promise<void>>();
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly folders: JobStorage,
    private readonly queue: WorkQueue,
    private readonly limits: ServerLimits,
    /** Told, for the log, of failures that are the server's fault and of those whose details the answer leaves out. */
    private readonly onInternalError: (error: unknown) => void,
  ) {}

  /**
   * Queues a job's work; throws QueueFullError when the queue has no place, and then registers
   * nothing and removes the job's folder (a video job's uploads are already in it).
   */
  async submit(received: ReceivedJob): Promise<JobStatus> {
    const work = jobWorkFor(received, this.folders);
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
    return job.status();
  }

  async status(id: string): Promise<JobStatus> {
    return this.get(id).status();
  }

  async watch(id: string, listener: (event: JobEvent) => void): Promise<JobWatch> {
    const job = this.get(id);
    return { status: job.status(), stop: job.subscribe(listener) };
  }

  async cancelOrRemove(id: string): Promise<JobStatus> {
    const job = this.get(id);
    const ended = job.state !== 'queued' && job.state !== 'running';
    job.controller.abort();
    await this.settled.get(id);
    if (ended) {
      clearTimeout(this.expiryTimers.get(id));
      await this.expire(id);
    }
    return job.status();
  }

  async inpaint(request: InpaintRequest, signal: AbortSignal): Promise<Buffer> {
    return runLimited((workSignal) => inpaintToPng(request, { signal: workSignal }), {
      queue: this.queue,
      timeLimitMs: this.limits.jobTimeLimitMs,
      signal,
    });
  }

  async result(id: string): Promise<JobResult> {
    const job = this.get(id);
    if (job.state !== 'done') throw new ResultNotReadyError(id, job.state);
    const path = this.folders.resultPath(id, job.kind);
    return jobResult(id, job.kind, path);
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
      if (status >= 500 || error instanceof VideoJobFailedError) this.onInternalError(error);
      job.finish(state, this.limits.resultTtlMs, body.error);
    } else {
      job.finish(state, this.limits.resultTtlMs);
    }
    const timer = setTimeout(() => void this.expire(job.id), this.limits.resultTtlMs);
    timer.unref();
    this.expiryTimers.set(job.id, timer);
  }

  /** The job with this id; a malformed id is never looked up anywhere (JobNotFoundError). */
  private get(id: string): Job {
    const job = isJobId(id) ? this.jobs.get(id) : undefined;
    if (!job) throw new JobNotFoundError(id);
    return job;
  }

  private async expire(id: string): Promise<void> {
    this.jobs.delete(id);
    this.settled.delete(id);
    this.expiryTimers.delete(id);
    await this.folders.remove(id).catch(this.onInternalError);
  }
}

/** What `GET /api/v1/jobs/:id/result` sends for a done job of this kind. */
export function jobResult(id: string, kind: JobKind, path: string): JobResult {
  return kind === 'video'
    ? { path, contentType: 'video/mp4', fileName: `inpainted-${id}.mp4` }
    : { path, contentType: 'image/png', fileName: `inpainted-${id}.png` };
}
