import { readFile } from 'node:fs/promises';
import { CancelledError } from '../core/errors.js';
import type { JobQueue, QueuedJob } from '../queue/job-queue.js';
import { storeReceivedJob } from '../queue/job-spec.js';
import type { ServerLimits } from './config.js';
import { JobNotFoundError, RelayedJobError, ResultNotReadyError } from './errors.js';
import type { InpaintRequest } from './inpaint-input.js';
import { isEnded, type JobEvent, type JobStatus } from './job.js';
import type { JobBoard, JobWatch } from './job-board.js';
import { isJobId, newJobId } from './job-id.js';
import type { JobStorage } from './job-storage.js';
import { jobResult, type JobResult } from './job-store.js';
import type { ReceivedJob } from './received-job.js';

/** How long a cancel waits for the worker to stop the job before answering anyway. */
const cancelWaitMs = 30_000;
/** Longest between two sweeps of the storage for expired jobs. */
const maxSweepIntervalMs = 10 * 60 * 1000;

/**
 * The jobs of a cluster, as one of its servers answers for them: received jobs go into the
 * shared storage and onto the shared queue, and workers run them. Any server answers for any
 * job, since everything about it is in Redis and the storage; nothing is lost when a server
 * stops (close() leaves the jobs to the cluster). Every server sweeps the storage of jobs ended
 * longer than `resultTtlMs` ago; Redis forgets them by itself.
 */
export class QueuedJobs implements JobBoard {
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly queue: JobQueue,
    private readonly storage: JobStorage,
    private readonly limits: ServerLimits,
    /** Told of failures that are the server's fault (a sweep that failed), for the log. */
    onInternalError: (error: unknown) => void,
  ) {
    const sweepMs = Math.min(maxSweepIntervalMs, Math.max(1000, Math.round(limits.resultTtlMs / 2)));
    this.sweeper = setInterval(() => void storage.removeExpired(limits.resultTtlMs).catch(onInternalError), sweepMs);
    this.sweeper.unref();
  }

  async submit(received: ReceivedJob): Promise<JobStatus> {
    const spec = await storeReceivedJob(received, this.storage, this.limits.jobTimeLimitMs);
    try {
      await this.queue.add(spec, this.limits.maxQueued);
    } catch (error) {
      await this.storage.remove(spec.id);
      throw error;
    }
    return this.statusOf({ spec, state: 'queued', report: { fraction: 0, notes: [] }, createdAt: Date.now() });
  }

  async status(id: string): Promise<JobStatus> {
    return this.statusOf(await this.find(id));
  }

  async cancelOrRemove(id: string): Promise<JobStatus> {
    const job = await this.find(id);
    if (isEnded(job.state)) {
      await this.queue.forget(id);
      await this.storage.remove(id);
      return this.statusOf(job);
    }
    const { removedWaiting } = await this.queue.cancel(id);
    // A job no worker took: its uploads are ours to remove. A running one: its worker removes them.
    if (removedWaiting) await this.storage.remove(id);
    else await this.queue.untilEnded(id, { timeoutMs: cancelWaitMs });
    return this.status(id);
  }

  async result(id: string): Promise<JobResult> {
    const job = await this.find(id);
    if (job.state !== 'done') throw new ResultNotReadyError(id, job.state);
    return jobResult(id, job.spec.kind, this.storage.resultPath(id, job.spec.kind));
  }

  async watch(id: string, listener: (event: JobEvent) => void): Promise<JobWatch> {
    let last: JobStatus | undefined;
    let news = Promise.resolve();
    // Listening starts before the status is read, so that nothing in between is missed.
    const stop = this.queue.watch(id, (item) => {
      news = news.then(async () => {
        if (!last || isEnded(last.state)) return;
        if (item.type === 'progress') {
          listener({ type: 'progress', fraction: item.report.fraction, stage: item.report.stage });
          return;
        }
        const status = await this.status(id).catch(() => undefined);
        if (!status || status.state === last.state) return;
        last = status;
        if (isEnded(status.state)) stop();
        listener({ type: isEnded(status.state) ? status.state : 'state', status } as JobEvent);
      });
    });
    try {
      last = await this.status(id);
    } catch (error) {
      stop();
      throw error;
    }
    if (isEnded(last.state)) stop();
    return { status: last, stop };
  }

  async inpaint(request: InpaintRequest, signal: AbortSignal): Promise<Buffer> {
    const id = newJobId();
    await this.submit({ kind: 'image', id, request });
    const onAbort = (): void => void this.cancelOrRemove(id).catch(() => undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const job = await this.queue.untilEnded(id);
      if (job?.state === 'done') return await readFile(this.storage.resultPath(id));
      if (!job || job.state === 'cancelled') throw new CancelledError();
      throw new RelayedJobError(job.report.failure);
    } finally {
      signal.removeEventListener('abort', onAbort);
      await this.storage.remove(id);
      await this.queue.forget(id).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.queue.close();
  }

  private async find(id: string): Promise<QueuedJob> {
    const job = isJobId(id) ? await this.queue.get(id) : undefined;
    if (!job) throw new JobNotFoundError(id);
    return job;
  }

  private statusOf(job: QueuedJob): JobStatus {
    const { spec, state, report } = job;
    const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
    const error = state !== 'failed' ? undefined : report.failure?.error ?? { code: 'internal', message: `the job failed on its workers: ${job.failedReason ?? 'no reason given'}` };
    const finishedAt = isEnded(state) ? job.finishedAt : undefined;
    return {
      id: spec.id,
      kind: spec.kind,
      method: spec.method,
      state,
      progress: report.fraction,
      ...(report.stage !== undefined && { stage: report.stage }),
      ...(error && { error }),
      notes: [...report.notes],
      createdAt: iso(job.createdAt)!,
      ...(job.startedAt !== undefined && { startedAt: iso(job.startedAt) }),
      ...(finishedAt !== undefined && { finishedAt: iso(finishedAt), expiresAt: iso(finishedAt + this.limits.resultTtlMs) }),
      ...(state === 'done' && { resultUrl: `/api/v1/jobs/${spec.id}/result` }),
    };
  }
}
