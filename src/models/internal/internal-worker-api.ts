/**
 * The calls that drive an InternalRun (internal-run.ts), served by the network worker thread
 * (network-worker.ts) and, without a build, called directly on the calling thread: the runs live
 * here, by number, between calls. The network pool has one worker, so every call of a run reaches
 * the thread that holds it.
 */
import { Transferring } from '../../runtime/protocol.js';
import { InternalRun, type InternalRunRequest } from './internal-run.js';

const runs = new Map<number, InternalRun>();
let nextRun = 0;

function runNumbered(run: number): InternalRun {
  const found = runs.get(run);
  if (!found) throw new Error(`internal: no run ${run} on this thread (closed, or its worker stopped)`);
  return found;
}

export const internalWorkerApi = {
  /** Takes the clip; returns the run's number and how many flow pairs it has to estimate. */
  internalOpen(request: InternalRunRequest): { run: number; flowPairs: number } {
    const run = new InternalRun(request);
    runs.set(nextRun, run);
    return { run: nextRun++, flowPairs: run.flowPairs };
  },

  internalFlowPair({ run }: { run: number }): void {
    runNumbered(run).flowPair();
  },

  /** Returns the step the optimisation starts from (a checkpoint's, else 0). */
  internalPrepare({ run }: { run: number }): Promise<number> {
    return runNumbered(run).prepare();
  },

  /** Returns the step's loss. */
  internalStep({ run }: { run: number }): Promise<number> {
    return runNumbered(run).step();
  },

  internalGenerate({ run, start }: { run: number; start: number }): Transferring<Uint8Array[]> {
    const rgbs = runNumbered(run).generate(start);
    return new Transferring(rgbs, rgbs.map((rgb) => rgb.buffer));
  },

  internalClose({ run }: { run: number }): void {
    runs.get(run)?.dispose();
    runs.delete(run);
  },
};

export type InternalWorkerApi = typeof internalWorkerApi;
