import { describe, expect, it } from 'vitest';
import type { Image } from '../../../src/core/image.js';
import { inpaintVideo } from '../../../src/pipeline/inpaint-video.js';
import { holeError, stream, syntheticClip } from './synthetic-clip.js';

async function run(clip: ReturnType<typeof syntheticClip>, method: string, options: Record<string, unknown> = {}): Promise<Image[]> {
  const out: Image[] = [];
  for await (const frame of inpaintVideo(stream(clip.frames), stream(clip.masks), { method, options })) out.push(frame);
  return out;
}

describe('propagate', () => {
  it('fills a drifting hole over a panning scene from what other frames saw', async () => {
    const clip = syntheticClip({ width: 80, height: 64, frames: 10, pan: [1.5, 0.5], size: 16, start: [12, 20], drift: [4, 1] });
    const propagated = holeError(await run(clip, 'propagate'), clip);
    const perFrame = holeError(await run(clip, 'per-frame', { imageMethod: 'telea' }), clip);
    // Every hole pixel was seen by some frame: the fill is the scene itself, up to resampling.
    expect(propagated).toBeLessThan(3);
    expect(propagated).toBeLessThan(perFrame / 3);
  });

  it('computes the flow on halved frames when they exceed flowSize, and still fills from other frames', async () => {
    const clip = syntheticClip({ width: 96, height: 64, frames: 10, pan: [2, 1], size: 16, start: [12, 20], drift: [5, 1] });
    const half = holeError(await run(clip, 'propagate', { flowSize: 48 }), clip);
    const full = holeError(await run(clip, 'propagate'), clip);
    expect(half).toBeLessThan(4);
    expect(full).toBeLessThan(3);
  });

  it('fills a hole no frame sees once, and shows that fill the same way in every frame', async () => {
    // Fixed camera, fixed hole: nothing to propagate; the keyframe's fill is carried everywhere.
    const clip = syntheticClip({ width: 64, height: 48, frames: 6, pan: [0, 0], size: 12, start: [26, 18], drift: [0, 0] });
    const outputs = await run(clip, 'propagate', { imageMethod: 'telea' });
    const mask = clip.masks[0].data;
    let largest = 0;
    for (let t = 1; t < outputs.length; t++) {
      for (let i = 0; i < mask.length; i++) {
        if (!mask[i]) continue;
        for (let c = 0; c < 3; c++) largest = Math.max(largest, Math.abs(outputs[t].rgb[3 * i + c] - outputs[0].rgb[3 * i + c]));
      }
    }
    expect(largest).toBe(0);
    // And it is a real fill, not the grey filler.
    expect(holeError(outputs, clip)).toBeLessThan(25);
  });

  it('streams a clip longer than its window: every frame out, in order, as good as in one window', async () => {
    const clip = syntheticClip({ width: 64, height: 48, frames: 23, pan: [1, 0], size: 10, start: [6, 18], drift: [2, 0] });
    const windowed = await run(clip, 'propagate', { window: 8, context: 3 });
    const whole = await run(clip, 'propagate', { window: 40 });
    expect(windowed).toHaveLength(23);
    expect(holeError(windowed, clip)).toBeLessThan(3);
    expect(Math.abs(holeError(windowed, clip) - holeError(whole, clip))).toBeLessThan(1);
    // Known pixels come back unchanged, frame by frame: the order is kept.
    for (let t = 0; t < windowed.length; t++) {
      const mask = clip.masks[t].data;
      for (let i = 0; i < mask.length; i++) {
        if (mask[i]) continue;
        if (windowed[t].rgb[3 * i] !== clip.frames[t].rgb[3 * i]) throw new Error(`frame ${t} pixel ${i} changed`);
      }
    }
  });

  it('reports progress while it computes a window\'s flows, never backwards, up to 1', async () => {
    const clip = syntheticClip({ width: 48, height: 32, frames: 14, pan: [1, 0], size: 6, start: [4, 12], drift: [2, 0] });
    const reports: { fraction: number; stage?: string; framesOut: number }[] = [];
    let framesOut = 0;
    const options = { window: 8, context: 2 };
    for await (const _ of inpaintVideo(stream(clip.frames), stream(clip.masks), { options, frameCount: 14, onProgress: (fraction, stage) => reports.push({ fraction, stage, framesOut }) })) {
      framesOut++;
    }
    const fractions = reports.map((r) => r.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(new Set(fractions).size).toBe(fractions.length);
    expect(fractions.at(-1)).toBe(1);
    const beforeFirstFrame = reports.filter((r) => r.framesOut === 0);
    expect(beforeFirstFrame.length).toBeGreaterThan(1);
    expect(beforeFirstFrame[0].stage).toMatch(/optical flow for frames 1-6/);
  });

  it('refuses a context of half the window or more, naming the option', async () => {
    const clip = syntheticClip({ width: 32, height: 24, frames: 2, pan: [0, 0], size: 4, start: [4, 4], drift: [0, 0] });
    await expect(run(clip, 'propagate', { window: 8, context: 4 })).rejects.toThrow(/context/);
  });

  it('stops when cancelled', async () => {
    const clip = syntheticClip({ width: 64, height: 48, frames: 12, pan: [1, 0], size: 10, start: [6, 18], drift: [2, 0] });
    const controller = new AbortController();
    const outputs: Image[] = [];
    const work = (async () => {
      for await (const frame of inpaintVideo(stream(clip.frames), stream(clip.masks), { options: { window: 6, context: 2 }, signal: controller.signal })) {
        outputs.push(frame);
        controller.abort();
      }
    })();
    await expect(work).rejects.toThrow(/cancel/i);
    expect(outputs.length).toBeLessThan(12);
  });
});
