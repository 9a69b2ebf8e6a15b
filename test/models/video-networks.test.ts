/**
 * The contract every video network of models/video-networks.ts keeps, run over each with its small
 * random weights: registered as a video network method; a clip longer than one window comes back
 * frame for frame at its size with every known pixel identical and the holes filled; the worker
 * thread's bytes equal the calling thread's; weights that do not fit list the keys; no weights (at
 * the command line too) and a cancelled signal are the toolkit's errors.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CancelledError, InvalidOptionError, StateDictMismatchError } from '../../src/core/errors.js';
import { createImage, createMask, type Image, type Mask } from '../../src/core/image.js';
import { compiledWorkerScript } from '../../src/core/worker-script.js';
import { defaultNetworkOptions } from '../../src/models/common/network.js';
import { loadNetwork } from '../../src/models/common/network-weights.js';
import type { VideoNetworkMethod } from '../../src/models/common/video-network-method.js';
import { videoNetworks } from '../../src/models/video-networks.js';
import { getVideoMethod, videoMethods } from '../../src/methods.js';
import { inpaintVideo } from '../../src/pipeline/inpaint-video.js';
import { stream } from '../classical/propagate/synthetic-clip.js';
import { runInpaintHere } from '../cli/fixtures.js';
import { describeWithEngine } from '../torch/engine.js';
import { writeMismatchedRelease, writeRelease } from './write-release.js';

const workerBuilt = compiledWorkerScript('network-worker.js', new URL('../../src/models/common/network-method.ts', import.meta.url).href) !== undefined;
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'video-network-contract-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

/** A textured clip whose box hole drifts right by a pixel a frame. */
function clip(frameCount: number, width: number, height: number): { frames: Image[]; masks: Mask[] } {
  const frames = Array.from({ length: frameCount }, (_, f) => createImage(width, height,
    new Uint8Array(width * height * 3).map((_, i) => (i * 37 + f * 11) % 251)));
  const masks = frames.map((_, f) => createMask(width, height, new Uint8Array(width * height).map((_, p) => {
    const x = p % width, y = Math.floor(p / width);
    return Math.abs(x - width / 3 - f) < width / 6 && Math.abs(y - height / 2) < height / 4 ? 1 : 0;
  })));
  return { frames, masks };
}

async function collect(frames: Image[], masks: Mask[], method: string, options: Record<string, unknown>, signal?: AbortSignal): Promise<Image[]> {
  const out: Image[] = [];
  for await (const frame of inpaintVideo(stream(frames), stream(masks), { method, options, signal })) out.push(frame);
  return out;
}

it('every video network is registered as a video network method, and is every video method that needs weights', () => {
  for (const network of videoNetworks) {
    const method = getVideoMethod(network.id) as VideoNetworkMethod;
    expect(method.network).toBe(network);
    expect([method.kind, method.needsWeights, method.trainable]).toEqual(['video', true, network.trainable]);
    expect(Object.keys(method.options.shape)).toEqual(['weights', ...Object.keys(network.options?.shape ?? {})]);
  }
  expect(videoMethods.filter((m) => m.needsWeights).map((m) => m.id).sort()).toEqual(videoNetworks.map((n) => n.id).sort());
});

for (const network of videoNetworks) {
  describeWithEngine(`video network contract: ${network.id}`, () => {
    let weights: string;
    beforeAll(async () => {
      weights = await writeRelease(folder, network, network.randomWeights(), 'random');
    });

    it('a clip of one window and a bit more: every frame at its size, known pixels identical, holes filled', async () => {
      const { frames, masks } = clip(network.windowLength + 2, 40, 24);
      const out = await collect(frames, masks, network.id, { weights });
      expect(out).toHaveLength(frames.length);
      out.forEach((frame, f) => {
        expect([frame.width, frame.height]).toEqual([40, 24]);
        let knownChanged = 0;
        let holeChanged = 0;
        for (let i = 0; i < frame.rgb.length; i++) {
          if (frame.rgb[i] === frames[f].rgb[i]) continue;
          if (masks[f].data[Math.floor(i / 3)]) holeChanged++;
          else knownChanged++;
        }
        expect(knownChanged).toBe(0);
        expect(holeChanged).toBeGreaterThan(0);
      });
    });

    it.runIf(workerBuilt)('the worker thread gives the bytes the calling thread gives', async () => {
      const { frames, masks } = clip(Math.min(network.windowLength, 3), 40, 24);
      const offThread = await collect(frames, masks, network.id, { weights });
      const net = await loadNetwork(network, weights);
      const here = network.fillWindow(net, frames, masks, defaultNetworkOptions(network));
      net.dispose();
      offThread.forEach((frame, f) => {
        // The pipeline pastes the known pixels back; compare the holes.
        const hole = (image: Image) => image.rgb.filter((_, i) => masks[f].data[Math.floor(i / 3)]);
        expect(Buffer.from(hole(frame)).equals(Buffer.from(hole(here[f])))).toBe(true);
      });
    });

    it('weights that do not fit: StateDictMismatchError listing the missing and unexpected keys with their shapes', async () => {
      const { path, missing, unexpected } = await writeMismatchedRelease(folder, network);
      const { frames, masks } = clip(2, 16, 16);
      const error = await collect(frames, masks, network.id, { weights: path }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateDictMismatchError);
      expect((error as Error).message).toContain(missing);
      expect((error as Error).message).toContain(unexpected);
    });

    it('inpaint video without --weights: exit 2 naming them, before any file is read', async () => {
      const { status, err } = await runInpaintHere(['video', 'nowhere/', '--mask', 'nowhere.png', '-o', join(folder, 'out'), '--method', network.id]);
      expect(status).toBe(2);
      expect(err).toMatch(new RegExp(`weights file for ${network.id}`));
    });

    it('no weights: InvalidOptionError naming them; an aborted signal: CancelledError', async () => {
      const { frames, masks } = clip(2, 16, 16);
      await expect(collect(frames, masks, network.id, {})).rejects.toThrow(InvalidOptionError);
      await expect(collect(frames, masks, network.id, {})).rejects.toThrow(/weights/);
      await expect(collect(frames, masks, network.id, { weights }, AbortSignal.abort())).rejects.toThrow(CancelledError);
    });
  });
}
