/**
 * The machinery a video network method adds around a network (video-network-method.ts), with a toy
 * network on the calling thread (the worker finds only listed networks; the contract test in
 * test/models/video-networks.test.ts runs the listed ones through it): the clip cut into windows of
 * windowLength frames with the end split evenly, frames out in order, the weights required and read through the layout,
 * frames of another size refused, progress.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { InvalidInputError, InvalidOptionError } from '../../../src/core/errors.js';
import { createImage, createMask, type Image, type Mask } from '../../../src/core/image.js';
import { singleFileLayout } from '../../../src/weights/release.js';
import { videoNetworkMethod } from '../../../src/models/common/video-network-method.js';
import type { VideoNetworkDefinition } from '../../../src/models/common/video-network.js';
import { parseOptions } from '../../../src/registry/parse-options.js';
import type { VideoRunContext } from '../../../src/registry/video-method.js';
import { saveSafetensors, tensor } from '../../../src/torch/index.js';
import { stream } from '../../classical/propagate/synthetic-clip.js';
import { describeWithEngine } from '../../torch/engine.js';

vi.mock('../../../src/models/common/network-pool.js', () => ({ networkPool: () => undefined }));

/** Fills each hole pixel with the mean of that pixel over the window's frames that see it, else the weights' level. */
function toyNetwork(windows: number[]): VideoNetworkDefinition<{ level: number; dispose(): void }> {
  return {
    id: 'toy', paper: 'none', summary: 'a toy', trainable: false, releases: [],
    checkpoint: singleFileLayout('generator'),
    windowLength: 3,
    load: (stateDicts) => ({ level: Number(stateDicts.get('generator')!.get('level')!.item()), dispose: () => {} }),
    fillWindow: (net, frames, masks) => {
      windows.push(frames.length);
      return frames.map((frame, f) => {
        const rgb = frame.rgb.slice();
        for (let p = 0; p < masks[f].data.length; p++) {
          if (!masks[f].data[p]) continue;
          const seen = frames.filter((_, g) => !masks[g].data[p]);
          for (let c = 0; c < 3; c++) {
            rgb[p * 3 + c] = seen.length ? Math.round(seen.reduce((sum, other) => sum + other.rgb[p * 3 + c], 0) / seen.length) : net.level;
          }
        }
        return createImage(frame.width, frame.height, rgb);
      });
    },
    randomWeights: () => new Map(),
  };
}

const flat = (value: number, width = 4, height = 3): Image => createImage(width, height, new Uint8Array(width * height * 3).fill(value));
/** Pixel 0 is a hole in odd frames and in frame 6. */
const holeInOddFrames = (f: number, width = 4, height = 3): Mask => {
  const mask = createMask(width, height);
  mask.data[0] = f % 2 || f === 6 ? 1 : 0;
  return mask;
};

let folder: string;
let weights: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'video-network-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function run(windows: number[], frames: Image[], masks: Mask[], options: Record<string, unknown>, context: Partial<VideoRunContext> = {}) {
  const method = videoNetworkMethod(toyNetwork(windows));
  const inpainter = method.create(parseOptions(method, options));
  const out: Image[] = [];
  const fillImage = () => Promise.reject(new Error('not used'));
  for await (const frame of inpainter.inpaint(stream(frames), stream(masks), { fillImage, ...context })) out.push(frame);
  return out;
}

describeWithEngine('video network method', () => {
  beforeAll(async () => {
    weights = join(folder, 'toy.safetensors');
    await saveSafetensors(weights, new Map([['level', tensor([77])]]));
  });

  it('cuts seven frames into windows of 3, 2 and 2 (the end split in halves), fills each from its own frames, in order, with progress to 1', async () => {
    const windows: number[] = [];
    const progress: number[] = [];
    const frames = [10, 20, 60, 40, 50, 90, 70].map((v) => flat(v));
    const out = await run(windows, frames, frames.map((_, f) => holeInOddFrames(f)), { weights }, { frameCount: 7, onProgress: (fraction) => progress.push(fraction) });
    expect(windows).toEqual([3, 2, 2]);
    // Frame 1 sees frames 0 and 2; frame 3 sees frame 4; frames 5 and 6 (the last window) see none: the level.
    expect(out.map((frame) => frame.rgb[0])).toEqual([10, 35, 60, 50, 50, 77, 77]);
    expect(out.map((frame) => frame.rgb[3])).toEqual([10, 20, 60, 40, 50, 90, 70]);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it.each([[2, [2]], [3, [3]], [4, [2, 2]], [6, [3, 3]], [9, [3, 3, 3]], [10, [3, 3, 2, 2]]])('%i frames in windows of 3: %j', async (count, expected) => {
    const windows: number[] = [];
    const frames = Array.from({ length: count }, (_, f) => flat(f));
    await run(windows, frames, frames.map((_, f) => holeInOddFrames(f)), { weights });
    expect(windows).toEqual(expected);
  });

  it('refuses to run without weights, naming the option', async () => {
    const error = await run([], [flat(1)], [holeInOddFrames(1)], {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toMatch(/toy weights/);
  });

  it('refuses a frame whose size differs from the frames before it, naming it', async () => {
    const frames = [flat(1), flat(2, 5, 3)];
    const error = await run([], frames, [holeInOddFrames(0), holeInOddFrames(1, 5, 3)], { weights }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/frame 1.*4x3.*5x3|frame 1[\s\S]*5x3/);
  });
});
