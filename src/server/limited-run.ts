import { CancelledError } from '../core/errors.js';
import { TimeLimitError } from './errors.js';
import type { WorkQueue } from './work-queue.js';

export interface LimitedRunOptions {
  readonly queue: WorkQueue;
  /** Longest the work may run once started; then its signal fires and it fails with TimeLimitError. */
  readonly timeLimitMs: number;
  /** Stops the work, waiting or running (CancelledError). */
  readonly signal?: AbortSignal;
  /** Called when the work leaves the queue and starts. */
  readonly onStart?: () => void;
}

/**
 * Runs `work` in a slot of the queue, under the time limit. Throws QueueFullError synchronously
 * when the queue has no place, so that a request can be refused before anything else happens.
 * The work must stop when the signal it is given fires (the pipeline checks it between steps).
 */
export function runLimited<T>(work: (signal: AbortSignal) => Promise<T>, options: LimitedRunOptions): Promise<T> {
  const slot = options.queue.reserve(options.signal);
  return (async () => {
    const release = await slot;
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(), options.timeLimitMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timer.signal]) : timer.signal;
    try {
      options.onStart?.();
      return await work(signal);
    } catch (error) {
      if (error instanceof CancelledError && timer.signal.aborted && !options.signal?.aborted) {
        throw new TimeLimitError(options.timeLimitMs);
      }
      throw error;
    } finally {
      clearTimeout(timeout);
      release();
    }
  })();
}
