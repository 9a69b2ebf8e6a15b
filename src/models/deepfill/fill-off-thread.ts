/**
 * DeepFill v2 on a worker thread: the forward pass (hundreds of milliseconds to seconds) runs off
 * the caller's thread, so a server's event loop keeps answering meanwhile. One worker, started on
 * first use and unref'd (libtorch already uses every core for one image); requests queue.
 * Cancelling rejects at once with CancelledError; the worker finishes the image it is on and its
 * result is dropped.
 */
import { Worker } from 'node:worker_threads';
import { CancelledError, InvalidInputError } from '../../core/errors.js';
import { compiledWorkerScript } from '../../core/worker-script.js';
import { createImage, type Image, type Mask } from '../../core/image.js';
import type { FillReply, FillRequest } from './fill-worker.js';

interface Pending {
  readonly resolve: (image: Image) => void;
  readonly reject: (error: Error) => void;
  readonly width: number;
  readonly height: number;
  readonly weightsPath: string;
}

let worker: Worker | undefined;
const pending = new Map<number, Pending>();
let nextId = 0;

/** The compiled worker script, or undefined when there is none (running from the TypeScript sources without a build). */
export function fillWorkerScript(): URL | undefined {
  return compiledWorkerScript('fill-worker.js', import.meta.url);
}

export function fillOffThread(
  script: URL,
  weights: { path: string; key: string },
  image: Image,
  mask: Mask,
  signal?: AbortSignal,
): Promise<Image> {
  if (signal?.aborted) return Promise.reject(new CancelledError());
  const thread = startedWorker(script);
  const id = nextId++;
  return new Promise<Image>((resolve, reject) => {
    const onAbort = (): void => {
      // The reply, when it comes, finds nothing waiting and is dropped.
      pending.delete(id);
      reject(new CancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = <T>(fn: (value: T) => void) => (value: T): void => {
      signal?.removeEventListener('abort', onAbort);
      fn(value);
    };
    pending.set(id, { resolve: settle(resolve), reject: settle(reject), width: image.width, height: image.height, weightsPath: weights.path });
    thread.ref();
    thread.postMessage({
      id, weightsKey: weights.key, weightsPath: weights.path, width: image.width, height: image.height,
      rgb: image.rgb, mask: mask.data,
    } satisfies FillRequest);
  });
}

function startedWorker(script: URL): Worker {
  if (worker) return worker;
  const thread = new Worker(script);
  thread.unref();
  thread.on('message', (reply: FillReply) => {
    const job = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) thread.unref();
    if (!job) return;
    if ('error' in reply) {
      const { name, message, loading } = reply.error;
      job.reject(loading
        ? new InvalidInputError(job.weightsPath, 'DeepFill v2 weights that load', `${name}: ${message}`)
        : new Error(`deepfillv2 failed on its worker thread: ${name}: ${message}`));
    } else {
      job.resolve(createImage(job.width, job.height, reply.rgb));
    }
  });
  thread.on('error', (error) => {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
    worker = undefined;
  });
  thread.on('exit', () => {
    worker = undefined;
  });
  worker = thread;
  return thread;
}
