import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DisFlowOptions } from './dis-flow.js';
import { createFlowField, type FlowField } from './flow-field.js';
import type { FlowReply, FlowRequest } from './flow-worker.js';
import type { GrayPlane } from './gray-pyramid.js';

/** Computes optical flows on worker threads, so that the main thread (a server) stays free. */
export interface FlowPool {
  flow(from: GrayPlane, to: GrayPlane, options?: DisFlowOptions): Promise<FlowField>;
  close(): Promise<void>;
}

/**
 * Starts `size` workers (default: one per core, at most 4). Requests queue and go to whichever
 * worker is free; the grey planes are copied to the worker, the flow comes back transferred.
 */
export function createFlowPool(size = Math.min(4, availableParallelism())): FlowPool {
  const script = workerScript();
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const waiting: { request: Omit<FlowRequest, 'id'>; resolve: (f: FlowField) => void; reject: (e: Error) => void }[] = [];
  const running = new Map<number, { worker: Worker; width: number; height: number; resolve: (f: FlowField) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let closed = false;

  const dispatch = () => {
    while (idle.length > 0 && waiting.length > 0) {
      const worker = idle.pop()!;
      const job = waiting.shift()!;
      const id = nextId++;
      running.set(id, { worker, width: job.request.width, height: job.request.height, resolve: job.resolve, reject: job.reject });
      worker.postMessage({ id, ...job.request } satisfies FlowRequest);
    }
  };
  for (let k = 0; k < Math.max(1, size); k++) {
    const worker = new Worker(script);
    worker.unref();
    worker.on('message', (reply: FlowReply) => {
      const job = running.get(reply.id)!;
      running.delete(reply.id);
      idle.push(worker);
      if ('error' in reply) job.reject(new Error(`optical flow failed: ${reply.error}`));
      else job.resolve(createFlowField(job.width, job.height, reply.flow));
      dispatch();
    });
    worker.on('error', (error) => {
      for (const [id, job] of running) {
        if (job.worker !== worker) continue;
        running.delete(id);
        job.reject(error);
      }
    });
    all.push(worker);
    idle.push(worker);
  }

  return {
    flow(from, to, options = {}) {
      if (closed) return Promise.reject(new Error('the flow pool is closed'));
      if (from.width !== to.width || from.height !== to.height || from.data.length !== to.data.length) {
        return Promise.reject(new RangeError(`flow needs two frames of one size, not ${from.width}x${from.height} and ${to.width}x${to.height}`));
      }
      return new Promise((resolve, reject) => {
        waiting.push({ request: { width: from.width, height: from.height, from: from.data, to: to.data, options }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const job of waiting.splice(0)) job.reject(new Error('the flow pool was closed'));
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}

/**
 * The worker's compiled file. Running from the TypeScript sources (the tests), the worker cannot
 * load a .ts file, so it takes the build's copy in dist/ (`npm test` builds first).
 */
function workerScript(): URL {
  const beside = new URL('./flow-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = new URL(beside.href.replace(/\/src\/classical\/flow\/flow-worker\.js$/, '/dist/src/classical/flow/flow-worker.js'));
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error(`the flow worker script is missing (${fileURLToPath(beside)}); run npm run build`);
}
