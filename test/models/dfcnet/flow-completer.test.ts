/**
 * `propagate --set flowCompletion=dfc` runs DFC-Net on the network worker thread (needs the build
 * in dist/, as `npm test` makes it): a timer keeps firing while a forward pass is in flight, and
 * the frames are the same bytes as with the network on the calling thread; a bad weights file is
 * refused on the worker before any frame is read.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, expect, it, vi } from 'vitest';
import { InvalidInputError } from '../../../src/core/errors.js';
import type { Image } from '../../../src/core/image.js';
import { networkPool } from '../../../src/models/common/network-pool.js';
import { inpaintVideo } from '../../../src/pipeline/inpaint-video.js';
import { stream, syntheticClip } from '../../classical/propagate/synthetic-clip.js';
import { describeWithEngine } from '../../torch/engine.js';
import { writeLegacyPth } from './legacy-pth-writer.js';
import { pipelineNet } from './seeded-dfcnet.js';

const where = vi.hoisted(() => ({ worker: true }));
vi.mock('../../../src/models/common/network-pool.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/models/common/network-pool.js')>();
  return { networkPool: () => (where.worker ? actual.networkPool() : undefined) };
});

async function run(weights: string): Promise<Image[]> {
  const clip = syntheticClip({ width: 48, height: 32, frames: 7, pan: [1, 0], size: 8, start: [6, 12], drift: [4, 0] });
  const out: Image[] = [];
  const options = { flowCompletion: 'dfc', weights, imageMethod: 'telea' };
  for await (const frame of inpaintVideo(stream(clip.frames), stream(clip.masks), { method: 'propagate', options })) out.push(frame);
  return out;
}

describeWithEngine('DFC-Net off the event loop', () => {
  const weights = join(mkdtempSync(join(tmpdir(), 'dfcnet-worker-')), 'random.pth');
  beforeAll(() => {
    const net = pipelineNet();
    writeLegacyPth(weights, new Map([...net.stateDict()].map(([key, t]) => [`module.${key}`, t])));
    net.dispose();
  });

  it('a timer fires while the network works on the worker; the frames equal those of the calling thread', async () => {
    const pool = networkPool();
    expect(pool, 'the network worker script (dist/: npm run build)').toBeDefined();
    let inFlight = 0, calls = 0, ticksDuringForward = 0, stopped = false;
    const call = pool!.call.bind(pool);
    pool!.call = ((method, request, options) => {
      calls += method === 'completeDfcFlow' ? 1 : 0;
      inFlight++;
      return call(method, request, options).finally(() => inFlight--);
    }) as typeof call;
    const tick = () => {
      if (inFlight > 0) ticksDuringForward++;
      if (!stopped) setTimeout(tick, 1);
    };
    tick();
    let onWorker: Image[];
    try {
      onWorker = await run(weights);
    } finally {
      stopped = true;
      pool!.call = call;
    }
    // 6 forward and 7 backward flows, each completed once.
    expect(calls).toBe(13);
    expect(ticksDuringForward).toBeGreaterThan(0);

    where.worker = false;
    const here = await run(weights);
    expect(here).toHaveLength(7);
    here.forEach((frame, t) => expect(Buffer.from(onWorker[t].rgb).equals(Buffer.from(frame.rgb)), `frame ${t}`).toBe(true));
  });

  it('a file that is no DFC-Net is refused on the worker, with its error class, before any frame is read', async () => {
    where.worker = true;
    const bad = join(dirname(weights), 'bad.pth');
    writeFileSync(bad, 'not a checkpoint');
    let read = false;
    async function* frames() {
      read = true;
      yield* stream(syntheticClip({ width: 48, height: 32, frames: 2, pan: [0, 0], size: 8, start: [6, 12], drift: [0, 0] }).frames);
    }
    const clip = syntheticClip({ width: 48, height: 32, frames: 2, pan: [0, 0], size: 8, start: [6, 12], drift: [0, 0] });
    const filling = async () => {
      for await (const frame of inpaintVideo(frames(), stream(clip.masks), { method: 'propagate', options: { flowCompletion: 'dfc', weights: bad } })) void frame;
    };
    await expect(filling()).rejects.toThrow(InvalidInputError);
    expect(read).toBe(false);
  });
});
