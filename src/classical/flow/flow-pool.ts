import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { compiledWorkerScript } from '../../core/worker-script.js';
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

function workerScript(): URL {
  const script = compiledWorkerScript('flow-worker.js', import.meta.url);
  if (!script) throw new Error('the flow worker script (flow-worker.js) is missing beside flow-pool.js and in dist/: run npm run build');
  return script;
}
