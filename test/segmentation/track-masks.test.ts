import { describe, expect, it } from 'vitest';
import { maskIoU } from '../../bench/moving-object-clip.js';
import { InvalidOptionError, SizeMismatchError } from '../../src/core/errors.js';
import { createMask, type Mask } from '../../src/core/image.js';
import { trackMasks } from '../../src/segmentation/track-masks.js';
import { smallClip } from './small-clip.js';

async function collect(masks: AsyncIterable<Mask>): Promise<Mask[]> {
  const out: Mask[] = [];
  for await (const mask of masks) out.push(mask);
  return out;
}

describe('trackMasks', () => {
  it('carries one key frame mask forward through a clip where the object moves and grows', async () => {
    const clip = await smallClip();
    const tracked = await collect(trackMasks(clip.frames, new Map([[0, clip.masks[0]]])));
    expect(tracked).toHaveLength(clip.frames.length);
    expect(tracked[0]).toBe(clip.masks[0]);
    const ious = tracked.slice(1).map((mask, t) => maskIoU(mask, clip.masks[t + 1]));
    expect(Math.min(...ious)).toBeGreaterThan(0.7);
    expect(ious.reduce((a, b) => a + b) / ious.length).toBeGreaterThan(0.8);
    // Not the key mask copied: the object moved right by about a third of the frame.
    expect(maskIoU(tracked.at(-1)!, clip.masks[0])).toBeLessThan(0.3);
  });

  it('carries a key frame backward and each frame takes its nearest key', async () => {
    const clip = await smallClip(9);
    const seen: number[] = [];
    const keys = new Map([[2, clip.masks[2]], [8, clip.masks[8]]]);
    const tracked = await collect(trackMasks(clip.frames, keys, { frameCount: 9, onProgress: (fraction) => seen.push(fraction) }));
    expect(tracked).toHaveLength(9);
    expect(tracked[2]).toBe(clip.masks[2]);
    expect(tracked[8]).toBe(clip.masks[8]);
    for (const t of [0, 1, 3, 4, 5, 6, 7]) expect(maskIoU(tracked[t], clip.masks[t]), `frame ${t}`).toBeGreaterThan(0.7);
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('refuses a key frame past the clip, a mask of another size, and no key at all', async () => {
    const clip = await smallClip(3);
    await expect(collect(trackMasks(clip.frames, new Map([[3, clip.masks[0]]])))).rejects.toThrow(InvalidOptionError);
    await expect(collect(trackMasks(clip.frames, new Map([[0, createMask(10, 10)]])))).rejects.toThrow(SizeMismatchError);
    await expect(collect(trackMasks(clip.frames, new Map()))).rejects.toThrow(InvalidOptionError);
  });

  it('stops when cancelled', async () => {
    const clip = await smallClip(4);
    const controller = new AbortController();
    const masks = trackMasks(clip.frames, new Map([[0, clip.masks[0]]]), { signal: controller.signal });
    await masks.next();
    controller.abort();
    await expect(masks.next()).rejects.toThrow(/cancel/i);
  });
});
