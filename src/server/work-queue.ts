import { CancelledError } from '../core/errors.js';
import { QueueFullError } from './errors.js';

/** Gives a work slot back; calling it more than once has no further effect. */
export type ReleaseSlot = () => void;

/**
 * At most `maxConcurrent` pieces of work run at once; up to `maxQueued` more wait their turn,
 * first come first served; beyond that, work is refused at once (QueueFullError, HTTP 429) rather
 * than left waiting without bound.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: ((release: ReleaseSlot) => void)[] = [];
  /** Requests whose uploads are still arriving: they count as queued work. */
  private uploading = 0;

  constructor(
    readonly maxConcurrent: number,
    readonly maxQueued: number,
  ) {}

  get runningCount(): number {
    return this.running;
  }

  get queuedCount(): number {
    return this.waiting.length;
  }

  /**
   * Holds a place for a request while its upload arrives, before any of it is read, so that slow
   * uploads cannot pile up beyond the queue's bounds: throws QueueFullError when running, queued
   * and uploading work already fill them. Release it just before the work is queued with `reserve`.
   */
  holdForUpload(): ReleaseSlot {
    if (this.running + this.waiting.length + this.uploading >= this.maxConcurrent + this.maxQueued) {
      throw new QueueFullError(this.running, this.waiting.length + this.uploading);
    }
    this.uploading++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.uploading--;
    };
  }

  /**
   * Takes a place: throws QueueFullError synchronously when there is none, so that the caller can
   * answer 429 before anything else; otherwise resolves with the slot once it is free. A signal
   * that fires while waiting gives the place up (rejects with CancelledError).
   */
  reserve(signal?: AbortSignal): Promise<ReleaseSlot> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    if (this.running < this.maxConcurrent) return Promise.resolve(this.take());
    if (this.waiting.length >= this.maxQueued) throw new QueueFullError(this.running, this.waiting.length);
    return new Promise((resolve, reject) => {
      const grant = (release: ReleaseSlot): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(release);
      };
      const onAbort = (): void => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private take(): ReleaseSlot {
    this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      this.waiting.shift()?.(this.take());
    };
  }
}
