import type { ErrorBody } from '../server/error-response.js';

/**
 * What a worker tells of a job while it runs, kept as the BullMQ job's progress: how far it is,
 * the notes on its inputs and the method's warnings, and, when it failed, the error as a
 * request would have been answered.
 */
export interface JobReport {
  /** 0..1 */
  readonly fraction: number;
  readonly stage?: string;
  readonly notes: readonly string[];
  readonly failure?: JobFailure;
}

/** A failed job's error: the HTTP status and error body a request would have had. */
export interface JobFailure {
  readonly status: number;
  readonly error: ErrorBody['error'];
}

export const emptyReport: JobReport = { fraction: 0, notes: [] };

/** A job's progress as read back from Redis: anything not shaped like a report counts as none. */
export function asReport(progress: unknown): JobReport {
  if (typeof progress !== 'object' || progress === null) return emptyReport;
  const { fraction, stage, notes, failure } = progress as Partial<JobReport>;
  return {
    fraction: typeof fraction === 'number' ? fraction : 0,
    ...(typeof stage === 'string' && { stage }),
    notes: Array.isArray(notes) ? notes.filter((n): n is string => typeof n === 'string') : [],
    ...(failure && typeof failure === 'object' && { failure }),
  };
}
