/**
 * The messages between a WorkerPool (worker-pool.ts) and the worker it started (serve-worker.ts).
 * A worker serves an API: an object of handlers, each taking one request (structured-cloneable
 * data) and the job's AbortSignal, and returning its reply or a Transferring of it.
 */
import type { ThreadError } from './thread-error.js';

/** A handler's reply with the buffers to move (not copy) to the caller's thread. */
export class Transferring<T> {
  constructor(
    readonly value: T,
    readonly transfer: readonly ArrayBufferLike[],
  ) {}
}

export type Handler = (request: never, signal: AbortSignal) => unknown;

/** What a worker serves: handler name to handler. */
export type WorkerApi = Record<string, Handler>;

/** The plain reply type of a handler (without its Transferring wrapper). */
export type ReplyOf<H extends Handler> = Awaited<ReturnType<H>> extends Transferring<infer T> ? T : Awaited<ReturnType<H>>;

export type ToWorker =
  | { readonly kind: 'call'; readonly id: number; readonly method: string; readonly request: unknown }
  | { readonly kind: 'cancel'; readonly id: number };

export type FromWorker =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: ThreadError };
