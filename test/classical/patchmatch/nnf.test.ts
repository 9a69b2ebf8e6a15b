import { describe, expect, it } from 'vitest';
import { hasSourcePatch, PatchField } from '../../../src/classical/patchmatch/nnf.js';
import type { Level } from '../../../src/classical/patchmatch/pyramid.js';
import { seededRandom } from './test-images.js';

/** A level of `channels` random values a pixel in 0..255, with the given hole. */
function randomLevel(width: number, height: number, channels: number, hole: Uint8Array, seed: number): Level {
  const random = seededRandom(seed);
  const data = Float32Array.from({ length: width * height * channels }, () => Math.floor(random() * 256));
  return { width, height, channels, data, hole };
}

/**
 * A random level smoothed by a (2r+1)² box mean: patches a few pixels off the best match are
 * still close to it, the spatial coherence PatchMatch's random search relies on (in pure noise
 * only a lucky draw finds an exact twin).
 */
function smoothRandomLevel(width: number, height: number, hole: Uint8Array, seed: number, r: number): Level {
  const noise = randomLevel(width, height, 3, hole, seed).data;
  const data = new Float32Array(noise.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0, n = 0;
        for (let yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy++) {
          for (let xx = Math.max(0, x - r); xx <= Math.min(width - 1, x + r); xx++, n++) sum += noise[(yy * width + xx) * 3 + c];
        }
        data[(y * width + x) * 3 + c] = sum / n;
      }
    }
  }
  return { width, height, channels: 3, data, hole };
}

function rectHole(width: number, height: number, x0: number, y0: number, w: number, h: number): Uint8Array {
  const hole = new Uint8Array(width * height);
  for (let y = y0; y < y0 + h; y++) hole.fill(1, y * width + x0, y * width + x0 + w);
  return hole;
}

/** Sum of squared differences of the patches centred at a and b, every channel, straight from the definition. */
function bruteForceSsd(level: Level, a: number, b: number, radius: number): number {
  const { width, channels, data } = level;
  const ax = a % width, ay = Math.floor(a / width), bx = b % width, by = Math.floor(b / width);
  let sum = 0;
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      for (let c = 0; c < channels; c++) {
        const e = data[((ay + dy) * width + ax + dx) * channels + c] - data[((by + dy) * width + bx + dx) * channels + c];
        sum += e * e;
      }
    }
  }
  return sum;
}

describe('PatchField', () => {
  it('30x20, patch 5, hole [12,17)x[6,10): targets are the valid centres whose patch touches the hole, sources the rest', () => {
    const width = 30, height = 20;
    const hole = rectHole(width, height, 12, 6, 5, 4);
    const field = new PatchField(randomLevel(width, height, 3, hole, 1), 5, 0);
    const r = 2;
    let sources = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        const valid = x >= r && x < width - r && y >= r && y < height - r;
        // the patch [x-2, x+2] x [y-2, y+2] meets the hole [12, 16] x [6, 9]
        const touchesHole = x + r >= 12 && x - r <= 16 && y + r >= 6 && y - r <= 9;
        const isTarget = field.targetIndex[i] >= 0;
        expect(isTarget, `target at ${x},${y}`).toBe(valid && touchesHole);
        expect(field.isSource[i] === 1, `source at ${x},${y}`).toBe(valid && !touchesHole);
        sources += field.isSource[i];
      }
    }
    expect(field.sourceCount).toBe(sources);
    expect(field.targets.length + field.sourceCount).toBe((width - 2 * r) * (height - 2 * r));
    expect(field.targets.length).toBe(9 * 8);
    field.targets.forEach((t, k) => expect(field.targetIndex[t]).toBe(k));
  });

  it('a hole touching the top-left corner: no centre within radius of the border is valid', () => {
    const width = 16, height = 16;
    const field = new PatchField(randomLevel(width, height, 3, rectHole(width, height, 0, 0, 3, 3), 2), 7, 0);
    expect(field.targets.length + field.sourceCount).toBe(10 * 10);
    // centres (3..5, 3..5) reach the hole [0, 2]^2
    expect(field.targets.length).toBe(9);
    expect(field.targetIndex[3 * width + 3]).toBe(0);
    expect(field.isSource[0]).toBe(0);
  });

  it('randomize: every target matched to a source', () => {
    const width = 40, height = 30;
    const field = new PatchField(randomLevel(width, height, 3, rectHole(width, height, 15, 10, 8, 6), 3), 7, 5);
    field.randomize();
    for (const m of field.match) expect(field.isSource[m]).toBe(1);
  });

  it('patchDistance equals the brute-force SSD (5 channels, patch 7, 50 random pairs), and stops early at the limit', () => {
    const width = 32, height = 24;
    const level = randomLevel(width, height, 5, new Uint8Array(width * height), 4);
    const field = new PatchField(level, 7, 0);
    const random = seededRandom(9);
    const centre = () => {
      const x = 3 + Math.floor(random() * (width - 6)), y = 3 + Math.floor(random() * (height - 6));
      return y * width + x;
    };
    for (let k = 0; k < 50; k++) {
      const a = centre(), b = centre();
      const exact = bruteForceSsd(level, a, b, 3);
      expect(field.patchDistance(a, b, Infinity)).toBeCloseTo(exact, 6);
      // with a limit below the distance the result is only promised to reach the limit
      const limited = field.patchDistance(a, b, exact / 2);
      if (exact > 0) {
        expect(limited).toBeGreaterThanOrEqual(exact / 2);
        expect(limited).toBeLessThanOrEqual(exact + 1e-6);
      }
    }
    expect(field.patchDistance(100, 100, Infinity)).toBe(0);
  });

  it.each([0, 1, 2, 3, 4])(
    'seed %i: a hole whose content is a shifted copy of a known region is found by 4 search passes',
    (seed) => {
      // 64x64 smoothed noise; the 24x24 block at (36,36) is a copy of the block at (6,6); the hole is its
      // middle 12x12, filled with the true values, as after a perfect vote.
      const width = 64, height = 64;
      const hole = rectHole(width, height, 42, 42, 12, 12);
      const level = smoothRandomLevel(width, height, hole, 10 + seed, 2);
      for (let y = 0; y < 24; y++) {
        level.data.copyWithin(((36 + y) * width + 36) * 3, ((6 + y) * width + 6) * 3, ((6 + y) * width + 30) * 3);
      }
      const field = new PatchField(level, 7, seed);
      field.randomize();
      field.refreshDistances();
      const initialMean = mean(field.distance);
      for (let pass = 0; pass < 4; pass++) field.search(pass % 2 === 1);

      // Every target patch lies inside the copied block (centres 39..56, patches 36..59), so each
      // has an exact twin 30 px up and left.
      let exact = 0;
      field.targets.forEach((t, k) => {
        if (field.distance[k] === 0) {
          exact++;
          expect(field.match[k]).toBe(t - 30 * width - 30);
        }
        expect(field.distance[k]).toBeCloseTo(field.patchDistance(t, field.match[k], Infinity), 3);
      });
      expect(exact / field.targets.length).toBeGreaterThanOrEqual(0.95);
      expect(mean(field.distance)).toBeLessThan(initialMean / 20);
    },
  );

  it('search never makes a match worse and keeps every match a source', () => {
    const width = 48, height = 40;
    const field = new PatchField(randomLevel(width, height, 3, rectHole(width, height, 18, 14, 10, 10), 6), 7, 3);
    field.randomize();
    field.refreshDistances();
    const before = Float32Array.from(field.distance);
    field.search(false);
    field.distance.forEach((d, k) => expect(d).toBeLessThanOrEqual(before[k]));
    for (const m of field.match) expect(field.isSource[m]).toBe(1);
  });
});

function mean(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

describe('hasSourcePatch', () => {
  it('agrees with PatchField.sourceCount > 0 on random masks, sizes and patch sizes', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 300; trial++) {
      const width = 3 + Math.floor(random() * 30), height = 3 + Math.floor(random() * 30);
      const patchSize = [3, 5, 7, 9][Math.floor(random() * 4)];
      const density = random();
      const hole = new Uint8Array(width * height).map(() => (random() < density ? 1 : 0));
      const level: Level = { width, height, channels: 3, data: new Float32Array(width * height * 3), hole };
      const expected = width >= patchSize && height >= patchSize && new PatchField(level, patchSize, 0).sourceCount > 0;
      expect(hasSourcePatch(hole, width, height, patchSize), `${width}x${height} patch ${patchSize}`).toBe(expected);
    }
  });
});
