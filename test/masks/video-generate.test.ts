import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { holeCount, type Mask } from '../../src/core/image.js';
import { generateVideoMasks, type GenerateVideoMasksOptions } from '../../src/masks/video-generate.js';
import { thrownBy } from './thrown-by.js';

const base: GenerateVideoMasksOptions = { width: 64, height: 48, frames: 24, count: 3, ratio: [0.1, 0.3], seed: 5 };

function clips(options: Partial<GenerateVideoMasksOptions> = {}): Mask[][] {
  return [...generateVideoMasks({ ...base, ...options })].map((clip) => [...clip]);
}

function intersectionOverUnion(a: Mask, b: Mask): number {
  let both = 0, either = 0;
  for (let i = 0; i < a.data.length; i++) {
    both += a.data[i] & b.data[i];
    either += a.data[i] | b.data[i];
  }
  return both / either;
}

const bytes = (clip: Mask[]) => clip.map((m) => Buffer.from(m.data).toString('base64'));

describe('generateVideoMasks', () => {
  it('count 3, frames 24, 64x48: three clips of 24 masks of that size, 0/1 only', () => {
    const made = clips();
    expect(made).toHaveLength(3);
    for (const clip of made) {
      expect(clip).toHaveLength(24);
      for (const m of clip) {
        expect([m.width, m.height]).toEqual([64, 48]);
        expect(m.data.every((v) => v === 0 || v === 1)).toBe(true);
      }
    }
  });

  it('same seed, same masks; another seed, other masks', () => {
    const a = clips(), b = clips(), c = clips({ seed: 6 });
    expect(a.map(bytes)).toEqual(b.map(bytes));
    expect(bytes(c[0])).not.toEqual(bytes(a[0]));
  });

  it('clip 0 is the same whatever the count, and clips of one call differ', () => {
    const one = clips({ count: 1 }), three = clips();
    expect(bytes(one[0])).toEqual(bytes(three[0]));
    expect(bytes(three[1])).not.toEqual(bytes(three[0]));
  });

  it.each([
    [[0.05, 0.1], 96, 64],
    [[0.1, 0.3], 64, 48],
    [[0.3, 0.4], 64, 64],
    [[0.5, 0.6], 48, 48],
    [[0.1, 0.3], 16, 16],
  ] as const)('ratio %j at %ix%i: every frame of 4 clips of 32 frames in range', (ratio, width, height) => {
    const outside: string[] = [];
    for (const [c, clip] of clips({ ratio, width, height, count: 4, frames: 32 }).entries()) {
      for (const [f, m] of clip.entries()) {
        const r = holeCount(m) / (width * height);
        if (r < ratio[0] - 1e-12 || r > ratio[1] + 1e-12) outside.push(`clip ${c} frame ${f}: ${r}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('a single ratio (0.1 at 64x64, 410 pixels): every frame within 3 pixels of it', () => {
    for (const clip of clips({ ratio: [0.1, 0.1], width: 64, height: 64, count: 3, frames: 16 })) {
      for (const m of clip) expect(Math.abs(holeCount(m) - 410)).toBeLessThanOrEqual(3);
    }
  });

  it('masks move: consecutive frames differ but overlap (IoU > 0.5), and the clip wanders off its start', () => {
    for (const clip of clips({ count: 4, frames: 32 })) {
      let changed = 0;
      for (let i = 1; i < clip.length; i++) {
        const iou = intersectionOverUnion(clip[i - 1], clip[i]);
        expect(iou).toBeGreaterThan(0.5);
        if (iou < 1) changed++;
      }
      expect(changed).toBe(clip.length - 1);
      expect(intersectionOverUnion(clip[0], clip.at(-1)!)).toBeLessThan(0.5);
    }
  });

  it('frames 1: a clip of one mask', () => {
    const [clip] = clips({ count: 1, frames: 1 });
    expect(clip).toHaveLength(1);
    expect(holeCount(clip[0])).toBeGreaterThan(0);
  });

  it.each([
    [{ frames: 0 }, 'frames'],
    [{ frames: 2.5 }, 'frames'],
    [{ frames: 90_001 }, 'frames'],
    [{ count: 0 }, 'count'],
    [{ width: 4 }, 'width'],
    [{ height: 9000 }, 'height'],
    [{ ratio: [0.4, 0.2] as const }, 'ratio'],
    [{ ratio: [0, 0.2] as const }, 'ratio'],
    [{ seed: -1 }, 'seed'],
  ])('bad option %j: InvalidOptionError naming %s, at the call', (bad, option) => {
    const error = thrownBy(() => generateVideoMasks({ ...base, ...bad }));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(option);
  });
});
