import { Queue, QueueEvents, type RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { InpaintError } from '../core/errors.js';
import { QueueFullError } from '../server/errors.js';
import { isEnded, type JobState } from '../server/job.js';
import { QueueUnavailableError } from './errors.js';
import type { JobSpec } from './job-spec.js';
import { asReport, emptyReport, type JobReport } from './queued-job-report.js';
import { cancelChannel, cancelKey, queueName } from './queue-names.js';
import { describeQueue, redisOptionsFromUrl } from './queue-url.js';

/** A job's state is read again this often while waiting for its end, in case an event went missing (Redis away). */
const pollMs = 1000;
/** How long a call waits for Redis's answer before it counts Redis as out of reach. */
const defaultAnswerWithinMs = 10_000;

/** A job of the shared queue as Redis knows it. */
export interface QueuedJob {
  readonly spec: JobSpec;
  readonly state: JobState;
  readonly report: JobReport;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly startedAt?: number;
  readonly finishedAt?: number;
  /** BullMQ's reason for a failure the worker did not report itself (a job whose workers kept dying). */
  readonly failedReason?: string;
}

/** What happened to a watched job: look again at its state (`changed`), or how far it is. */
export type QueueNews = { readonly type: 'changed' } | { readonly type: 'progress'; readonly report: JobReport };

/** Kept under cancelKey(id): what the status of a job cancelled before any worker took it needs. */
interface CancelRecord {
  readonly spec: JobSpec;
  readonly createdAt: number;
  readonly cancelledAt: number;
}

export interface JobQueueOptions {
  /** How long Redis keeps an ended job (and the mark of a cancelled one), in ms. */
  readonly retainMs: number;
  /** Runs of a job that fails for a reason other than its input (a worker's fault) before it ends failed. @default 3 */
  readonly attempts?: number;
  /**
   * How long connecting, and each call, wait for Redis's answers before failing with
   * QueueUnavailableError: a connection that is open but silent (Redis stopped, restarting,
   * overloaded, a network that drops packets) must not hold a request forever. @default 10000
   */
  readonly answerWithinMs?: number;
}

/**
 * The client side of the shared queue, for servers and `inpaint run --queue`: adds jobs, reads
 * their state, cancels them and relays their events (BullMQ's QueueEvents, through Redis). Every
 * call that cannot reach Redis fails at once with QueueUnavailableError (a server answers 503)
 * rather than waiting, and every call gives up when Redis does not answer in time; the connections
 * come back by themselves when Redis does.
 */
export class JobQueue {
  private readonly watchers = new Map<string, Set<(news: QueueNews) => void>>();

  private constructor(
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    /** Every connection, ours to end: BullMQ's own close() waits for a Redis that may be away. */
    private readonly clients: readonly Redis[],
    /** Tells cancels and keeps their marks; `subscriber` hears cancels told by others. */
    private readonly commands: Redis,
    private readonly subscriber: Redis,
    private readonly name: string,
    private readonly options: JobQueueOptions,
  ) {
    const tell = (id: string, news: QueueNews): void => {
      for (const watcher of this.watchers.get(id) ?? []) watcher(news);
    };
    for (const event of ['waiting', 'active', 'completed', 'failed', 'removed'] as const) {
      events.on(event, ({ jobId }: { jobId: string }) => tell(jobId, { type: 'changed' }));
    }
    events.on('progress', ({ jobId, data }) => tell(jobId, { type: 'progress', report: asReport(data) }));
    subscriber.on('message', (_channel: string, id: string) => tell(id, { type: 'changed' }));
  }

  /** Connects to the queue at `url` (redis://HOST:PORT, see queue-url.ts); QueueUnavailableError when Redis does not answer. */
  static async open(url: string, options: JobQueueOptions): Promise<JobQueue> {
    const redis = redisOptionsFromUrl(url);
    const name = describeQueue(url);
    // Fail fast: a request is answered with an error rather than held while Redis is away.
    const failFast: RedisOptions = { ...redis, enableOfflineQueue: false };
    // Blocking readers wait for Redis as long as it takes (BullMQ's requirement).
    const patient: RedisOptions = { ...redis, maxRetriesPerRequest: null };
    const queueClient = new Redis(failFast);
    const eventsClient = new Redis(patient);
    const commands = new Redis(failFast);
    const subscriber = new Redis(patient);
    const queue = new Queue(queueName, { connection: queueClient });
    const events = new QueueEvents(queueName, { connection: eventsClient });
    // Errors while Redis is away are answered on each call; the clients also emit them, unheard here.
    const ignore = (): void => undefined;
    for (const client of [queueClient, eventsClient, commands, subscriber]) client.on('error', ignore);
    queue.on('error', ignore);
    events.on('error', ignore);
    const jobQueue = new JobQueue(queue, events, [queueClient, eventsClient, commands, subscriber], commands, subscriber, name, options);
    try {
      await withinDeadline(options, async () => {
        await Promise.all([queue.waitUntilReady(), events.waitUntilReady(), ready(commands), ready(subscriber)]);
        await subscriber.subscribe(cancelChannel);
      });
    } catch (error) {
      await jobQueue.close();
      throw new QueueUnavailableError(name, reasonOf(error), { cause: error });
    }
    return jobQueue;
  }

  /** Adds a job whose inputs are in the storage; QueueFullError when `maxWaiting` jobs already wait. */
  async add(spec: JobSpec, maxWaiting = Infinity): Promise<void> {
    await this.reach(async () => {
      if (Number.isFinite(maxWaiting)) {
        const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
        const waiting = counts.waiting + counts.prioritized + counts.delayed;
        if (waiting >= maxWaiting) throw new QueueFullError(counts.active, waiting);
      }
      const age = Math.ceil(this.options.retainMs / 1000);
      await this.queue.add(spec.kind, spec, {
        jobId: spec.id,
        attempts: this.options.attempts ?? 3,
        backoff: { type: 'fixed', delay: 1000 },
        removeOnComplete: { age },
        removeOnFail: { age },
      });
    });
  }

  /** The job with this id, or undefined when Redis knows none (never added, or expired). */
  async get(id: string): Promise<QueuedJob | undefined> {
    return this.reach(async () => {
      const [job, marked] = await Promise.all([this.queue.getJob(id), this.commands.get(cancelKey(id))]);
      const cancel = marked === null ? undefined : (JSON.parse(marked) as CancelRecord);
      if (!job) {
        return cancel && { spec: cancel.spec, state: 'cancelled', report: emptyReport, createdAt: cancel.createdAt, finishedAt: cancel.cancelledAt };
      }
      let state = stateOf(await job.getState());
      // A cancelled job that a worker has not stopped yet still counts as running.
      if (cancel && state !== 'done' && state !== 'running') state = 'cancelled';
      return {
        spec: job.data as JobSpec,
        state,
        report: asReport(job.progress),
        createdAt: job.timestamp,
        ...(job.processedOn && { startedAt: job.processedOn }),
        ...(job.finishedOn && { finishedAt: job.finishedOn }),
        ...(state === 'failed' && job.failedReason && { failedReason: job.failedReason }),
      };
    });
  }

  /**
   * Marks a job cancelled and tells the workers, one of which stops it at once if it runs it.
   * Answers whether the job was still waiting, and so is gone from the queue without any worker
   * having touched it (its uploads are then the caller's to remove). An ended job is left as it is.
   */
  async cancel(id: string): Promise<{ readonly removedWaiting: boolean }> {
    return this.reach(async () => {
      const job = await this.queue.getJob(id);
      const state = job && stateOf(await job.getState());
      if (!job || state === 'done' || state === 'failed') return { removedWaiting: false };
      const record: CancelRecord = { spec: job.data as JobSpec, createdAt: job.timestamp, cancelledAt: Date.now() };
      await this.commands.set(cancelKey(id), JSON.stringify(record), 'PX', this.options.retainMs);
      // 0 when a worker holds the job: then the worker stops it.
      const removedWaiting = (await this.queue.remove(id)) === 1;
      await this.commands.publish(cancelChannel, id);
      return { removedWaiting };
    });
  }

  /** Forgets an ended job: Redis no longer knows it (nor its cancel mark). */
  async forget(id: string): Promise<void> {
    await this.reach(async () => {
      await this.queue.remove(id);
      await this.commands.del(cancelKey(id));
    });
  }

  /** Calls `listener` with each piece of news of the job until the returned function is called. */
  watch(id: string, listener: (news: QueueNews) => void): () => void {
    const set = this.watchers.get(id) ?? new Set();
    set.add(listener);
    this.watchers.set(id, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.watchers.delete(id);
    };
  }

  /**
   * The job once it has ended, or as it is after `timeoutMs`; undefined when it is gone. Its
   * reports go to `onProgress` meanwhile.
   */
  async untilEnded(id: string, options: { timeoutMs?: number; onProgress?: (report: JobReport) => void } = {}): Promise<QueuedJob | undefined> {
    const end = Date.now() + (options.timeoutMs ?? Infinity);
    let wake = (): void => undefined;
    const stop = this.watch(id, (news) => (news.type === 'changed' ? wake() : options.onProgress?.(news.report)));
    try {
      for (;;) {
        const job = await this.get(id);
        if (!job || isEnded(job.state) || Date.now() >= end) return job;
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, pollMs).unref();
        });
      }
    } finally {
      stop();
    }
  }

  async close(): Promise<void> {
    for (const client of this.clients) client.disconnect();
    await this.queue.close().catch(() => undefined);
    // QueueEvents' close() waits for an answer from Redis when Redis is away: not for long.
    await Promise.race([this.events.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  }

  /** Runs Redis calls; a failure that is not the toolkit's own, or no answer in time, is Redis being out of reach. */
  private async reach<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await withinDeadline(this.options, call);
    } catch (error) {
      if (error instanceof InpaintError) throw error;
      throw new QueueUnavailableError(this.name, reasonOf(error), { cause: error });
    }
  }
}

/** The call's answer, or an error once `answerWithinMs` has passed without one. */
async function withinDeadline<T>(options: JobQueueOptions, call: () => Promise<T>): Promise<T> {
  const ms = options.answerWithinMs ?? defaultAnswerWithinMs;
  const answer = call();
  // An answer that comes after the deadline, or fails then, is of no interest to anyone.
  answer.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([answer, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once a client is connected, rejects with its first error. */
export function ready(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      client.off('ready', onReady);
      reject(error);
    };
    const onReady = (): void => {
      client.off('error', onError);
      resolve();
    };
    client.once('ready', onReady);
    client.once('error', onError);
  });
}

function stateOf(bullState: string): JobState {
  if (bullState === 'completed') return 'done';
  if (bullState === 'failed') return 'failed';
  if (bullState === 'active') return 'running';
  return 'queued';
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
