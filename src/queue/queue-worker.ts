import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { InpaintError } from '../core/errors.js';
import { errorResponse } from '../server/error-response.js';
import type { JobStorage } from '../server/job-storage.js';
import { runLimited } from '../server/limited-run.js';
import { offeredMethods, type MethodWeights } from '../server/offered-methods.js';
import { jobWorkFor } from '../server/received-job.js';
import { WorkQueue } from '../server/work-queue.js';
import { QueueUnavailableError } from './errors.js';
import { receivedJobFromSpec, type JobSpec } from './job-spec.js';
import { cancelChannel, cancelKey, queueName } from './queue-names.js';
import { describeQueue, redisOptionsFromUrl } from './queue-url.js';
import { ReportSender } from './report-sender.js';

export interface QueueWorkerOptions {
  readonly url: string;
  readonly storage: JobStorage;
  /** Jobs run at once. @default 1 */
  readonly concurrency?: number;
  /** Weights of the network methods this worker runs, by method id; checked before it starts taking jobs. */
  readonly weights?: MethodWeights;
  /**
   * How long a job's lock lasts unrenewed: a worker not heard of for this long (killed, its machine
   * lost) is taken for gone and its job runs again elsewhere; also how often workers look for such
   * jobs. @default 30000
   */
  readonly lockMs?: number;
  /** Times a job may be found so abandoned before it ends failed. @default 2 */
  readonly maxStalls?: number;
  /** One line per job ended and per change of the connection to Redis. */
  readonly log: (line: string) => void;
}

export interface QueueWorker {
  /** Takes no more jobs, lets the running ones finish, and disconnects. */
  close(): Promise<void>;
}

/**
 * Takes jobs from the shared queue and runs them: reads their inputs from the storage, writes the
 * result there (an image's once: a second run of a job leaves the first result), reports progress
 * and notes, and stops a job at once when it is cancelled (told on a Redis channel). A job whose
 * input is at fault fails at once with its error; any other failure is retried (BullMQ's attempts).
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const { storage, log } = options;
  const concurrency = options.concurrency ?? 1;
  const name = describeQueue(options.url);
  const redis = { ...redisOptionsFromUrl(options.url), maxRetriesPerRequest: null };
  const offered = offeredMethods(options.weights);
  // Only to put the time limit on a job the way a server does; BullMQ keeps to `concurrency`.
  const slots = new WorkQueue(concurrency, 0);
  const running = new Map<string, AbortController>();

  const subscriber = new Redis({ ...redis, lazyConnect: true });
  const commands = new Redis({ ...redis, lazyConnect: true });
  const connection = reportConnection(log, name);
  for (const client of [subscriber, commands]) client.on('error', connection.lost);
  subscriber.on('message', (_channel: string, id: string) => running.get(id)?.abort());

  const process = async (job: Job): Promise<null> => {
    const spec = job.data as JobSpec;
    const { id } = spec;
    if ((await commands.exists(cancelKey(id))) === 1) {
      await storage.remove(id);
      throw new UnrecoverableError('cancelled');
    }
    // An earlier run wrote the result and was lost before it could say so.
    if (await storage.hasResult(id, spec.kind)) {
      await storage.removeInputs(id);
      log(`done ${id} (its result was already written)`);
      return null;
    }
    const controller = new AbortController();
    running.set(id, controller);
    log(`started ${id}`);
    const report = new ReportSender((r) => job.updateProgress({ ...r }));
    try {
      const work = jobWorkFor(await receivedJobFromSpec(spec, storage, offered), storage);
      const run = (signal: AbortSignal): Promise<void> => work.run({ signal, onProgress: report.progress, onNote: report.note });
      const { timeLimitMs } = spec;
      await (timeLimitMs === undefined ? run(controller.signal) : runLimited(run, { queue: slots, timeLimitMs, signal: controller.signal }));
      await report.settled();
      await storage.removeInputs(id);
      log(`done ${id}`);
      return null;
    } catch (error) {
      if (controller.signal.aborted) {
        await storage.remove(id);
        log(`cancelled ${id}`);
        throw new UnrecoverableError('cancelled');
      }
      const { status, body } = errorResponse(error);
      await report.fail({ status, error: body.error });
      const inputAtFault = error instanceof InpaintError && error.isInputError;
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (inputAtFault || lastAttempt) await storage.remove(id);
      log(`failed ${id}: ${status >= 500 && error instanceof Error ? error.stack ?? error.message : body.error.message}`);
      throw inputAtFault ? new UnrecoverableError(body.error.message) : error;
    } finally {
      running.delete(id);
    }
  };

  const lockMs = options.lockMs ?? 30_000;
  const worker = new Worker(queueName, process, {
    connection: redis,
    concurrency,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    maxStalledCount: options.maxStalls ?? 2,
    autorun: false,
  });
  worker.on('error', connection.lost);
  try {
    await Promise.all([subscriber.connect(), commands.connect(), worker.waitUntilReady()]);
    await subscriber.subscribe(cancelChannel);
  } catch (error) {
    await worker.close(true);
    subscriber.disconnect();
    commands.disconnect();
    throw new QueueUnavailableError(name, error instanceof Error ? error.message : String(error), { cause: error });
  }
  for (const client of [subscriber, commands]) client.on('ready', connection.back);
  void worker.run();
  return {
    async close() {
      await worker.close();
      subscriber.disconnect();
      commands.disconnect();
    },
  };
}

/** Logs the loss of Redis once, not once per retry, and its return. */
function reportConnection(log: (line: string) => void, name: string): { lost: (error: Error) => void; back: () => void } {
  let down = false;
  return {
    lost(error) {
      if (down) return;
      down = true;
      log(`the job queue at ${name} cannot be reached (${error.message}); waiting for it to come back`);
    },
    back() {
      if (!down) return;
      down = false;
      log(`the job queue at ${name} is back`);
    },
  };
}
