import type { ProgressCallback } from '../registry/method.js';
import type { JobKind } from './job.js';

/** What a job's work is told while it runs. */
export interface JobContext {
  /** Fires on cancel, on the time limit and when the server closes: the work must stop. */
  readonly signal: AbortSignal;
  readonly onProgress: ProgressCallback;
  /** How the inputs were read, and the method's warnings: shown in the job's status. */
  readonly onNote: (message: string) => void;
}

/**
 * One job's work, checked and ready to queue: its id (a video job's uploads are already in the
 * job's folder), what its status shows, and the run that writes the result into that folder.
 */
export interface JobWork {
  readonly id: string;
  readonly kind: JobKind;
  readonly method: string;
  /** Writes the result completely or not at all; stops (CancelledError) when the signal fires. */
  run(context: JobContext): Promise<void>;
}
