import type { Point } from '../../src/segmentation/select-object.js';
import type { MethodInfo } from './method-info.js';

/**
 * The messages between the page and its browser worker (browser-worker.ts). Pixels travel as
 * transferred buffers: RGBA as a canvas holds them, holes one byte a pixel (1 = hole).
 */

export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray<ArrayBuffer>;
}

export type WorkerRequest =
  | { readonly type: 'methods' }
  | { readonly type: 'fill'; readonly method: string; readonly options: Record<string, unknown>; readonly image: Pixels; readonly holes: Uint8Array }
  | {
      readonly type: 'select';
      readonly image: Pixels;
      /** Points in image pixels on the object, and off it. */
      readonly include: readonly Point[];
      readonly exclude: readonly Point[];
    };

/** An error as the server words its own (`{ code, message, field? }`), so the page shows both alike. */
export interface WorkerError {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

export type WorkerReply =
  | { readonly id: number; readonly type: 'methods'; readonly methods: MethodInfo[] }
  | { readonly id: number; readonly type: 'progress'; readonly fraction: number; readonly stage?: string }
  | { readonly id: number; readonly type: 'filled'; readonly image: Pixels }
  | { readonly id: number; readonly type: 'selected'; readonly holes: Uint8Array }
  | { readonly id: number; readonly type: 'failed'; readonly error: WorkerError };
