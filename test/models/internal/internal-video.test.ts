/**
 * The `internal` run on the network worker thread (needs the build: `npm test` builds first): the
 * same bytes as on the calling thread, the event loop turning while a step runs, and a
 * cancellation that stops the run.
 */
import { expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/errors.js';
import type { Image } from '../../../src/core/image.js';
import { networkPool } from '../../../src/models/common/network-pool.js';
import type { NetworkWorkerApi } from '../../../src/models/common/network-worker.js';
import { internalVideo, type InternalOptions } from '../../../src/models/internal/internal-video.js';
import type { VideoRunContext } from '../../../src/registry/video-method.js';
import type { WorkerPool } from '../../../src/runtime/worker-pool.js';
import { stream, syntheticClip } from '../../classical/propagate/synthetic-clip.js';
import { describeWithEngine } from '../../torch/engine.js';

const clip = syntheticClip({ width: 64, height: 48, frames: 7, pan: [1, 0], size: 10, start: [20, 16], drift: [2, 0] });
const options: InternalOptions = {
  steps: 5, itersPerBatch: 2, size: 64, strides: [1], depth: 3, lr: 0.01, off: ['perceptual'], seed: 0, checkpointEvery: 50,
};

async function run(pool: WorkerPool<NetworkWorkerApi> | null, context: Partial<VideoRunContext> = {}): Promise<Image[]> {
  const out: Image[] = [];
  const fillImage = (): never => { throw new Error('internal fills no single image'); };
  for await (const frame of internalVideo(stream(clip.frames), stream(clip.masks), options, { fillImage, ...context }, pool)) out.push(frame);
  return out;
}

describeWithEngine('internal on the network worker thread', () => {
  const pool = networkPool() ?? null;

  it('gives the bytes the calling thread gives, and leaves the event loop free between and during steps', async () => {
    expect(pool, 'the network worker script (build with npx tsc -p tsconfig.build.json)').not.toBeNull();
    // From each step's progress a chain of setImmediate callbacks counts the turns of the event
    // loop until the next step's progress: on the calling thread the next step starts at the first
    // turn and blocks it (one turn), on the worker thread the loop keeps turning while it runs.
    const turns: number[] = [];
    let counter: { turns: number; stopped: boolean } | undefined;
    const onProgress = (_: number, stage?: string): void => {
      if (!stage?.startsWith('step ')) return;
      if (counter) {
        counter.stopped = true;
        turns.push(counter.turns);
      }
      const current = { turns: 0, stopped: false };
      const turn = (): void => {
        if (current.stopped) return;
        current.turns += 1;
        setImmediate(turn);
      };
      setImmediate(turn);
      counter = current;
    };
    const onWorker = await run(pool, { onProgress });
    counter!.stopped = true;
    expect(turns).toHaveLength(options.steps - 1);
    expect(Math.min(...turns), `event loop turns during each step: ${turns.join(', ')}`).toBeGreaterThan(1);

    const onCaller = await run(null);
    expect(onWorker).toHaveLength(clip.frames.length);
    onWorker.forEach((frame, t) => expect(Buffer.from(frame.rgb).equals(Buffer.from(onCaller[t]!.rgb)), `frame ${t}`).toBe(true));
  }, 300_000);

  it('stops when cancelled, and the worker serves the next run', async () => {
    const controller = new AbortController();
    const steps: string[] = [];
    const onProgress = (_: number, stage?: string): void => {
      if (!stage?.startsWith('step ')) return;
      steps.push(stage);
      if (steps.length === 2) controller.abort();
    };
    await expect(run(pool, { onProgress, signal: controller.signal })).rejects.toThrow(CancelledError);
    expect(steps).toHaveLength(2);
    expect(await run(pool)).toHaveLength(clip.frames.length);
  }, 300_000);
});
