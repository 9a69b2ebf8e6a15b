import type { ErrorBody } from './error-response.js';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
/** An image job's result is a PNG, a video job's an mp4. */
export type JobKind = 'image' | 'video';
export type JobEndState = Extract<JobState, 'done' | 'failed' | 'cancelled'>;

/** Whether a job in this state has ended (done, failed or cancelled). */
export function isEnded(state: JobState): state is JobEndState {
  return state === 'done' || state === 'failed' || state === 'cancelled';
}

/** A job as `GET /api/v1/jobs/:id` answers it. */
export interface JobStatus {
  readonly id: string;
  readonly kind: JobKind;
  readonly method: string;
  readonly state: JobState;
  /** 0..1 */
  readonly progress: number;
  /** What the method is doing now (`level 2 of 4`). */
  readonly stage?: string;
  /** Why the job failed, as the error body of a request would say it. */
  readonly error?: ErrorBody['error'];
  /** How the inputs were read, and warnings of the method. */
  readonly notes: readonly string[];
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  /** When the job and its result are removed. */
  readonly expiresAt?: string;
  /** Where to fetch the result (PNG or mp4), once done. */
  readonly resultUrl?: string;
}

/** What a job's event stream tells: a state change, progress, or the end (the last event). */
export type JobEvent =
  | { readonly type: 'state' | JobEndState; readonly status: JobStatus }
  | { readonly type: 'progress'; readonly fraction: number; readonly stage?: string };

/** One job's state and the listeners of its events. The store moves it through its states. */
export class Job {
  readonly controller = new AbortController();
  private current: JobState = 'queued';
  private progress = 0;
  private stage?: string;
  private error?: ErrorBody['error'];
  private readonly notes: string[] = [];
  private readonly createdAt = new Date();
  private startedAt?: Date;
  private finishedAt?: Date;
  private expiresAt?: Date;
  private readonly listeners = new Set<(event: JobEvent) => void>();

  constructor(
    readonly id: string,
    readonly kind: JobKind,
    readonly method: string,
  ) {}

  get state(): JobState {
    return this.current;
  }

  get ended(): boolean {
    return isEnded(this.current);
  }

  /** Calls `listener` with each event until the job ends; returns the way to stop earlier. */
  subscribe(listener: (event: JobEvent) => void): () => void {
    if (this.ended) return () => undefined;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.current = 'running';
    this.startedAt = new Date();
    this.emit({ type: 'state', status: this.status() });
  }

  reportProgress(fraction: number, stage?: string): void {
    if (this.ended) return;
    this.progress = Math.min(1, Math.max(0, fraction));
    this.stage = stage;
    this.emit({ type: 'progress', fraction: this.progress, stage });
  }

  addNote(message: string): void {
    this.notes.push(message);
  }

  finish(state: JobEndState, ttlMs: number, error?: ErrorBody['error']): void {
    this.current = state;
    this.error = error;
    this.finishedAt = new Date();
    this.expiresAt = new Date(this.finishedAt.getTime() + ttlMs);
    this.emit({ type: state, status: this.status() });
    this.listeners.clear();
  }

  status(): JobStatus {
    return {
      id: this.id,
      kind: this.kind,
      method: this.method,
      state: this.current,
      progress: this.progress,
      ...(this.stage !== undefined && { stage: this.stage }),
      ...(this.error && { error: this.error }),
      notes: [...this.notes],
      createdAt: this.createdAt.toISOString(),
      ...(this.startedAt && { startedAt: this.startedAt.toISOString() }),
      ...(this.finishedAt && { finishedAt: this.finishedAt.toISOString() }),
      ...(this.expiresAt && { expiresAt: this.expiresAt.toISOString() }),
      ...(this.current === 'done' && { resultUrl: `/api/v1/jobs/${this.id}/result` }),
    };
  }

  private emit(event: JobEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
