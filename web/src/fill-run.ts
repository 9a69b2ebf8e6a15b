import type { JobState } from './api.js';

/** What the page hands a fill: the picture and the mask overlay as shown, and the chosen method. */
export interface FillInput {
  readonly image: HTMLCanvasElement;
  readonly mask: HTMLCanvasElement;
  readonly method: string;
  readonly options: Record<string, unknown>;
}

export interface FillListener {
  onState(state: Extract<JobState, 'queued' | 'running'>): void;
  onProgress(fraction: number, stage?: string): void;
}

/** One fill under way, on the server (server-fill.ts) or in the page's worker (browser-fill.ts). */
export interface FillRun {
  /** The result as a PNG; undefined when the run was cancelled. */
  readonly result: Promise<Blob | undefined>;
  /** Asks the run to stop; `result` then settles as undefined (or with the result, if it ended first). */
  cancel(): Promise<void>;
  /** Stops the run without a word: its picture was replaced, nothing of it is shown any more. */
  abandon(): void;
}

export type StartFill = (input: FillInput, listener: FillListener) => FillRun;
