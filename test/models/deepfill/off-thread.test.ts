/**
 * deepfillv2's forward pass on a worker thread (fill-off-thread.ts, using the build's compiled
 * worker as the flow pool does): the same bytes as on the calling thread, the event loop keeps
 * turning meanwhile, cancellation and unloadable weights are reported.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { CancelledError, InvalidInputError } from '../../../src/core/errors.js';
import { createImage, createMask } from '../../../src/core/image.js';
import { fillOffThread, fillWorkerScript } from '../../../src/models/deepfill/fill-off-thread.js';
import { fillWithGenerator } from '../../../src/models/deepfill/inpaint.js';
import { loadGenerator } from '../../../src/models/deepfill/weights.js';
import { describeWithEngine } from '../../torch/engine.js';

const path = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'deepfill', 'weights.pth');
const script = fillWorkerScript();

function scene(size: number) {
  const rgb = new Uint8Array(size * size * 3).map((_, i) => (i * 29) % 253);
  const hole = new Uint8Array(size * size).map((_, i) => (Math.abs((i % size) - size / 2) < size / 5 && Math.abs(Math.floor(i / size) - size / 2) < size / 4 ? 1 : 0));
  return { image: createImage(size, size, rgb), mask: createMask(size, size, hole) };
}

describeWithEngine('deepfillv2 on a worker thread', () => {
  it.runIf(script !== undefined)('256x256: the same bytes as on this thread, and this thread kept turning', async () => {
    const { image, mask } = scene(256);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const offThread = await fillOffThread(script!, { path, key: `${path}:a` }, image, mask);
    clearInterval(timer);
    const generator = await loadGenerator(path);
    const here = fillWithGenerator(generator, image, mask);
    generator.dispose();
    expect(Buffer.from(offThread.rgb).equals(Buffer.from(here.rgb))).toBe(true);
    expect(ticks).toBeGreaterThan(0);
  });

  it.runIf(script !== undefined)('an aborted signal rejects with CancelledError; a file that is not weights with InvalidInputError', async () => {
    const { image, mask } = scene(32);
    const controller = new AbortController();
    const run = fillOffThread(script!, { path, key: `${path}:b` }, image, mask, controller.signal);
    controller.abort();
    await expect(run).rejects.toThrow(CancelledError);
    const notWeights = fileURLToPath(import.meta.url);
    await expect(fillOffThread(script!, { path: notWeights, key: 'c' }, image, mask)).rejects.toThrow(InvalidInputError);
  });
});
