import type { Point } from '../../src/segmentation/select-object.js';
import { ApiError } from './api.js';
import type { Pixels, WorkerReply, WorkerRequest } from './browser-protocol.js';
import type { MethodInfo } from './method-info.js';

interface Pending {
  resolve(reply: WorkerReply): void;
  reject(error: Error): void;
  onProgress?(fraction: number, stage?: string): void;
}

/**
 * The page's side of its browser worker: one request at a time is worked on, in the order asked.
 * The worker starts on the first request; `stop` ends it mid-work (a cancelled fill), failing
 * whatever was pending, and the next request starts a fresh one.
 */
export class BrowserWorker {
  private worker?: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  async methods(): Promise<MethodInfo[]> {
    const reply = await this.ask({ type: 'methods' });
    return reply.type === 'methods' ? reply.methods : [];
  }

  /** The image with its hole filled by `method`; rejects with an ApiError as the server words its errors. */
  async fill(
    input: { method: string; options: Record<string, unknown>; image: Pixels; holes: Uint8Array },
    onProgress: (fraction: number, stage?: string) => void,
  ): Promise<Pixels> {
    const reply = await this.ask({ type: 'fill', ...input }, [input.image.rgba.buffer, input.holes.buffer], onProgress);
    if (reply.type !== 'filled') throw new Error(`the browser worker answered ${reply.type} to a fill`);
    return reply.image;
  }

  /** The object under the `include` points (and not under `exclude`), as holes (1 = object). */
  async select(image: Pixels, include: readonly Point[], exclude: readonly Point[] = []): Promise<Uint8Array> {
    const reply = await this.ask({ type: 'select', image, include, exclude }, [image.rgba.buffer]);
    if (reply.type !== 'selected') throw new Error(`the browser worker answered ${reply.type} to a selection`);
    return reply.holes;
  }

  /** Ends the worker now, mid-work if it is working: what was asked of it fails with `reason`. */
  stop(reason: string): void {
    this.worker?.terminate();
    this.worker = undefined;
    for (const pending of this.pending.values()) pending.reject(new ApiError(reason, 0, 'cancelled'));
    this.pending.clear();
  }

  private ask(request: WorkerRequest, transfer: Transferable[] = [], onProgress?: Pending['onProgress']): Promise<WorkerReply> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      worker.postMessage({ id, request }, transfer);
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./browser-worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => this.receive(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.stop(`the browser worker failed: ${event.message || 'it could not be started'}`);
    });
    this.worker = worker;
    return worker;
  }

  private receive(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    if (reply.type === 'progress') {
      pending.onProgress?.(reply.fraction, reply.stage);
      return;
    }
    this.pending.delete(reply.id);
    if (reply.type === 'failed') pending.reject(new ApiError(reply.error.message, 0, reply.error.code, reply.error.field));
    else pending.resolve(reply);
  }
}
