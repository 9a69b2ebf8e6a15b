import { availableParallelism } from 'node:os';
import { compiledWorkerScript } from '../../core/worker-script.js';
import { createWorkerPool } from '../../runtime/worker-pool.js';
import type { DisFlowOptions } from './dis-flow.js';
import { createFlowField, type FlowField } from './flow-field.js';
import type { FlowWorkerApi } from './flow-worker.js';
import type { GrayPlane } from './gray-pyramid.js';

/** Computes optical flows on worker threads, so that the main thread (a server) stays free. */
export interface FlowPool {
  flow(from: GrayPlane, to: GrayPlane, options?: DisFlowOptions): Promise<FlowField>;
  close(): Promise<void>;
}

/**
 * Up to `size` workers (default: one per core, at most 4) of the runtime's worker pool. Requests
 * queue and go to whichever worker is free; the grey planes are copied to the worker, the flow
 * comes back transferred.
 */
export function createFlowPool(size = Math.min(4, availableParallelism())): FlowPool {
  const pool = createWorkerPool<FlowWorkerApi>(workerScript(), { name: 'the flow pool', size: Math.max(1, size) });
  return {
    async flow(from, to, options = {}) {
      if (from.width !== to.width || from.height !== to.height || from.data.length !== to.data.length) {
        throw new RangeError(`flow needs two frames of one size, not ${from.width}x${from.height} and ${to.width}x${to.height}`);
      }
      const flow = await pool.call('flow', { width: from.width, height: from.height, from: from.data, to: to.data, options });
      return createFlowField(from.width, from.height, flow);
    },
    close: () => pool.close(),
  };
}

function workerScript(): URL {
  const script = compiledWorkerScript('flow-worker.js', import.meta.url);
  if (!script) throw new Error('the flow worker script (flow-worker.js) is missing beside flow-pool.js and in dist/: run npm run build');
  return script;
}
