import { describe, expect, it } from 'vitest';
import { autoLevelCount, buildPyramid, type Level } from '../../../src/classical/patchmatch/pyramid.js';

function rectHole(width: number, height: number, x0: number, y0: number, w: number, h: number): Uint8Array {
  const hole = new Uint8Array(width * height);
  for (let y = y0; y < y0 + h; y++) hole.fill(1, y * width + x0, y * width + x0 + w);
  return hole;
}

describe('buildPyramid', () => {
  it('37x20, 2 channels, 4 levels: 37x20, 18x10, 9x5, 4x2 (odd sides floored), channels kept', () => {
    const finest: Level = { width: 37, height: 20, channels: 2, data: new Float32Array(37 * 20 * 2), hole: new Uint8Array(37 * 20) };
    const levels = buildPyramid(finest, 4);
    expect(levels[0]).toBe(finest);
    expect(levels.map((l) => [l.width, l.height, l.channels])).toEqual([[37, 20, 2], [18, 10, 2], [9, 5, 2], [4, 2, 2]]);
    for (const l of levels) {
      expect(l.data.length).toBe(l.width * l.height * l.channels);
      expect(l.hole.length).toBe(l.width * l.height);
    }
  });

  it('count 1: the finest level alone', () => {
    const finest: Level = { width: 4, height: 4, channels: 3, data: new Float32Array(48), hole: new Uint8Array(16) };
    expect(buildPyramid(finest, 1)).toEqual([finest]);
  });

  it('a coarse pixel is a hole only when all four fine pixels are; its value averages the known ones', () => {
    // 4x2, one channel: blocks {0,1,4,5} with 0 holes, {2,3,6,7} with 1, 2... holes by column
    const data = Float32Array.from([10, 20, 30, 40, 50, 60, 70, 80]);
    const cases: Array<[number[], number, number]> = [
      // hole pixels of the right block (indices 2,3,6,7), coarse hole, coarse value
      [[], 0, (30 + 40 + 70 + 80) / 4],
      [[2], 0, (40 + 70 + 80) / 3],
      [[2, 7], 0, (40 + 70) / 2],
      [[2, 3, 6], 0, 80],
      [[2, 3, 6, 7], 1, 0],
    ];
    for (const [holes, coarseHole, coarseValue] of cases) {
      const hole = new Uint8Array(8);
      for (const i of holes) hole[i] = 1;
      const [, coarse] = buildPyramid({ width: 4, height: 2, channels: 1, data, hole }, 2);
      expect([coarse.width, coarse.height]).toEqual([2, 1]);
      expect(coarse.hole[1], `holes ${holes}`).toBe(coarseHole);
      expect(coarse.data[1]).toBeCloseTo(coarseValue, 5);
      expect(coarse.hole[0]).toBe(0);
      expect(coarse.data[0]).toBeCloseTo((10 + 20 + 50 + 60) / 4, 5);
    }
  });

  it('a 1-pixel-wide line hole vanishes one level up (thin strokes do not widen)', () => {
    const width = 16, height = 16;
    const hole = rectHole(width, height, 5, 0, 1, height);
    const [, coarse] = buildPyramid({ width, height, channels: 1, data: new Float32Array(width * height), hole }, 2);
    expect(coarse.hole.every((v) => v === 0)).toBe(true);
  });
});

describe('autoLevelCount', () => {
  it('a 1-pixel hole: 1 level', () => {
    expect(autoLevelCount(rectHole(256, 256, 100, 100, 1, 1), 256, 256, 7)).toBe(1);
  });

  it('hole depth at most the patch size: 1 level (16x16 hole, depth 8, patch 9)', () => {
    expect(autoLevelCount(rectHole(256, 256, 100, 100, 16, 16), 256, 256, 9)).toBe(1);
  });

  it('256x256, 64x64 hole (depth 32), patch 7: halved while deeper than 7 -> 32, 16, 8, 4: 4 levels', () => {
    expect(autoLevelCount(rectHole(256, 256, 96, 96, 64, 64), 256, 256, 7)).toBe(4);
  });

  it('the image size caps the levels: 64x64 with a 60x60 hole (depth 30), patch 7 -> 2 levels (a third would be 16 px, under 4 patches)', () => {
    expect(autoLevelCount(rectHole(64, 64, 2, 2, 60, 60), 64, 64, 7)).toBe(2);
  });

  it('the shorter side counts: 1024x50 with a 40x40 hole (depth 20) stays at 1 level (25 px would be under 4 patches)', () => {
    expect(autoLevelCount(rectHole(1024, 50, 500, 5, 40, 40), 1024, 50, 7)).toBe(1);
    expect(autoLevelCount(rectHole(1024, 56, 500, 5, 40, 40), 1024, 56, 7)).toBe(2);
  });

  it('more levels for a deeper hole, never fewer', () => {
    let previous = 0;
    for (const side of [4, 16, 32, 64, 128, 192]) {
      const count = autoLevelCount(rectHole(512, 512, 256 - side / 2, 256 - side / 2, side, side), 512, 512, 7);
      expect(count).toBeGreaterThanOrEqual(previous);
      previous = count;
    }
    expect(previous).toBeGreaterThan(1);
  });
});
