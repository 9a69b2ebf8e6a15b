/**
 * The network worker thread (network-worker.ts), shared by the image and video network methods:
 * one thread, since libtorch already uses every core for one forward pass.
 */
import { compiledWorkerScript } from '../../core/worker-script.js';
import { createWorkerPool, type WorkerPool } from '../../runtime/worker-pool.js';
import type { NetworkWorkerApi } from './network-worker.js';

let pool: WorkerPool<NetworkWorkerApi> | undefined;

/** The pool, started on first need; undefined without a build (the work then runs on the calling thread). */
export function networkPool(): WorkerPool<NetworkWorkerApi> | undefined {
  if (pool) return pool;
  const script = compiledWorkerScript('network-worker.js', import.meta.url);
  if (script) pool = createWorkerPool<NetworkWorkerApi>(script, { name: 'the network worker', size: 1 });
  return pool;
}
