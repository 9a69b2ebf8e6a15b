import { describe, expect, it } from 'vitest';
import { createImage, createMask, type Image, type Mask } from '../../src/core/image.js';
import { inpaintVideo } from '../../src/pipeline/inpaint-video.js';
import { stream } from '../classical/propagate/synthetic-clip.js';

function frame(width: number, height: number, value: number): Image {
  return createImage(width, height, new Uint8Array(width * height * 3).fill(value));
}

function boxMask(width: number, height: number): Mask {
  const mask = createMask(width, height);
  mask.data[width + 1] = 1;
  return mask;
}

async function collect(frames: Image[], masks: Mask[], options: Parameters<typeof inpaintVideo>[2] = {}): Promise<Image[]> {
  const out: Image[] = [];
  for await (const f of inpaintVideo(stream(frames), stream(masks), options)) out.push(f);
  return out;
}

describe('inpaintVideo', () => {
  const frames = [10, 20, 30, 40, 50].map((v) => frame(8, 6, v));
  const masks = frames.map(() => boxMask(8, 6));

  it('per-frame: one output per frame, in order, known pixels unchanged, progress to 1', async () => {
    const progress: number[] = [];
    const out = await collect(frames, masks, { method: 'per-frame', options: { imageMethod: 'telea' }, frameCount: 5, onProgress: (f) => progress.push(f) });
    expect(out.map((f) => f.rgb[0])).toEqual([10, 20, 30, 40, 50]);
    // A flat frame's hole is filled with the same flat value.
    expect(out.map((f) => f.rgb[3 * 9])).toEqual([10, 20, 30, 40, 50]);
    expect(progress.at(-1)).toBe(1);
  });

  it('refuses more masks than frames, and fewer', async () => {
    await expect(collect(frames.slice(0, 3), masks, { method: 'per-frame' })).rejects.toThrow(/more masks than the 3 frames/);
    await expect(collect(frames, masks.slice(0, 2), { method: 'per-frame' })).rejects.toThrow(/2 masks for a longer clip/);
  });

  it('refuses a mask of another size, naming the frame', async () => {
    const wrong = [...masks.slice(0, 2), boxMask(6, 6), ...masks.slice(3)];
    await expect(collect(frames, wrong, { method: 'per-frame' })).rejects.toThrow(/frame 2/);
  });

  it('refuses a mask that covers a whole frame', async () => {
    const full = createMask(8, 6, new Uint8Array(48).fill(1));
    await expect(collect(frames, [full, ...masks.slice(1)])).rejects.toThrow(/covers all 8x6 pixels/);
  });

  it('refuses an unknown method and a bad option before reading a frame', async () => {
    await expect(collect(frames, masks, { method: 'patchmatch' })).rejects.toThrow(/propagate, per-frame/);
    await expect(collect(frames, masks, { method: 'per-frame', options: { imageMethod: 'deepfill' } })).rejects.toThrow(/imageMethod/);
  });

  it('passes imageOptions on to the image method a video method calls on', async () => {
    const run = (radius: number) => collect(frames, masks, { method: 'per-frame', options: { imageMethod: 'telea' }, imageOptions: { telea: { radius } } });
    await expect(run(0)).rejects.toThrow(/telea option radius/);
    expect(await run(5)).toHaveLength(frames.length);
  });
});
