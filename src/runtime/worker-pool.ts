/**
 * The one way the toolkit runs work off the calling thread (optical flow, network forward passes):
 * a pool of worker threads serving an API (serve-worker.ts), called like an async function.
 *
 * - Workers start on first need, up to `size`; calls queue and go to whichever worker is free.
 * - A worker holds the process open only while it works (unref'd when idle).
 * - Errors come back with their class and fields (thread-error.ts): an input error stays one.
 * - Cancelling a call's signal rejects it at once with CancelledError: a queued call is dropped, a
 *   running one is told through its handler's signal and its reply, when it comes, is dropped.
 * - A worker that dies fails the call it was running; the next call starts a fresh one.
 */
import { Worker } from 'node:worker_threads';
import { CancelledError } from '../core/errors.js';
import type { FromWorker, ReplyOf, ToWorker, WorkerApi } from './protocol.js';
import { fromThreadError } from './thread-error.js';

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Buffers of the request to move to the worker instead of copying (the caller must not use them after). */
  readonly transfer?: readonly ArrayBufferLike[];
}

export interface WorkerPool<Api extends WorkerApi> {
  call<M extends keyof Api & string>(method: M, request: Parameters<Api[M]>[0], options?: CallOptions): Promise<ReplyOf<Api[M]>>;
  /** Rejects the queued calls and stops every worker. */
  close(): Promise<void>;
}

export interface WorkerPoolOptions {
  /** What the pool does, for messages ("the flow pool"). */
  readonly name: string;
  /** Workers at most. @default 1 */
  readonly size?: number;
}

interface Job {
  readonly id: number;
  readonly method: string;
  readonly request: unknown;
  readonly transfer: readonly ArrayBufferLike[];
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

export function createWorkerPool<Api extends WorkerApi>(script: URL, { name, size = 1 }: WorkerPoolOptions): WorkerPool<Api> {
  const idle: Worker[] = [];
  const all = new Set<Worker>();
  const queue: Job[] = [];
  /** The job each busy worker runs; a cancelled job's entry stays until its worker replies. */
  const busy = new Map<Worker, Job>();
  /** The jobs whose caller still waits, by id. */
  const waiting = new Map<number, Job>();
  let nextId = 0;
  let closed = false;

  const settle = (job: Job, outcome: { value: unknown } | { error: Error }): void => {
    if (!waiting.delete(job.id)) return;
    if ('error' in outcome) job.reject(outcome.error);
    else job.resolve(outcome.value);
  };

  const start = (): Worker => {
    const worker = new Worker(script);
    worker.unref();
    all.add(worker);
    worker.on('message', (reply: FromWorker) => {
      const job = busy.get(worker);
      busy.delete(worker);
      worker.unref();
      idle.push(worker);
      if (job) settle(job, reply.ok ? { value: reply.value } : { error: fromThreadError(reply.error) });
      dispatch();
    });
    const lost = (error: Error): void => {
      all.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      const job = busy.get(worker);
      busy.delete(worker);
      if (job) settle(job, { error });
      if (!closed) dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`${name}'s worker thread stopped (exit code ${code})`)));
    return worker;
  };

  const dispatch = (): void => {
    while (queue.length > 0 && (idle.length > 0 || all.size < size)) {
      const worker = idle.pop() ?? start();
      const job = queue.shift()!;
      busy.set(worker, job);
      worker.ref();
      worker.postMessage({ kind: 'call', id: job.id, method: job.method, request: job.request } satisfies ToWorker, job.transfer as ArrayBuffer[]);
    }
  };

  const cancel = (job: Job): void => {
    const queued = queue.indexOf(job);
    if (queued >= 0) queue.splice(queued, 1);
    for (const [worker, running] of busy) {
      if (running === job) worker.postMessage({ kind: 'cancel', id: job.id } satisfies ToWorker);
    }
    settle(job, { error: new CancelledError() });
  };

  return {
    call(method, request, { signal, transfer = [] } = {}) {
      if (closed) return Promise.reject(new Error(`${name} is closed`));
      if (signal?.aborted) return Promise.reject(new CancelledError());
      return new Promise((resolve, reject) => {
        const onAbort = (): void => cancel(job);
        const done = <T>(fn: (value: T) => void) => (value: T): void => {
          signal?.removeEventListener('abort', onAbort);
          fn(value);
        };
        const job: Job = { id: nextId++, method, request, transfer, resolve: done(resolve as (value: unknown) => void), reject: done(reject) };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.set(job.id, job);
        queue.push(job);
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) settle(job, { error: new Error(`${name} was closed`) });
      await Promise.all([...all].map((worker) => worker.terminate()));
    },
  };
}
