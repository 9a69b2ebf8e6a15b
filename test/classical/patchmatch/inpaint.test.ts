import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/errors.js';
import { createMask, type Image, type Mask } from '../../../src/core/image.js';
import { inpaintImage } from '../../../src/pipeline/inpaint-image.js';
import {
  changedKnownPixels,
  holeAgreement,
  noiseImage,
  patternImage,
  rectMask,
  withHoleValue,
  type Rgb,
} from './test-images.js';

const patchmatch = (image: Image, mask: Mask, options: Record<string, unknown> = {}) =>
  inpaintImage(image, mask, { method: 'patchmatch', options });

const red: Rgb = [220, 30, 30];
const blue: Rgb = [20, 40, 200];
/** Vertical stripes of period 8: 4 columns red, 4 blue. */
const stripes = patternImage(96, 96, (x) => (x % 8 < 4 ? red : blue));
/** A 2D checker of period 6 (3x3 squares). */
const checker = patternImage(96, 96, (x, y) => ((Math.floor(x / 3) + Math.floor(y / 3)) % 2 ? [230, 230, 230] : [10, 20, 30]));
const centreHole = rectMask(96, 96, 40, 40, 16);

describe('patchmatch through inpaintImage', () => {
  it.each<[string, Rgb]>([
    ['(120,60,200)', [120, 60, 200]],
    ['black', [0, 0, 0]],
    ['white', [255, 255, 255]],
  ])('constant %s 96x96, 16x16 hole, default options: the hole gets the constant exactly', async (_, colour) => {
    // Every known patch is the same, so every match has distance 0 and every vote averages equal
    // values; the diffusion the colour correction pulls towards is that constant too. Float
    // rounding stays far below half a level, so the bytes come out exact.
    const truth = patternImage(96, 96, () => colour);
    const out = await patchmatch(withHoleValue(truth, centreHole, 77), centreHole);
    expect(out.rgb).toEqual(truth.rgb);
  });

  it('constant, hole on the top-left corner and along the bottom edge: exact', async () => {
    const truth = patternImage(64, 48, () => [90, 140, 200]);
    const data = rectMask(64, 48, 0, 0, 10, 8).data;
    data.fill(1, 47 * 64 + 20, 47 * 64 + 50);
    const mask = createMask(64, 48, data);
    expect((await patchmatch(withHoleValue(truth, mask, 0), mask)).rgb).toEqual(truth.rgb);
  });

  it.each([
    ['stripes of period 8', stripes, {}],
    ['checker of period 6', checker, {}],
    ['stripes, levels 1', stripes, { levels: 1 }],
    ['stripes, levels 3', stripes, { levels: 3 }],
    ['checker, levels 10 (more than fit)', checker, { levels: 10 }],
    ['stripes, textureWeight 0', stripes, { textureWeight: 0 }],
    ['checker, patchSize 3', checker, { patchSize: 3 }],
    ['stripes, patchSize 15', stripes, { patchSize: 15 }],
    ['checker, iterations 1', checker, { iterations: 1 }],
    ['stripes, seed 7', stripes, { seed: 7 }],
  ])('%s, 96x96, 16x16 hole in the middle, colourCorrection 0: the continued pattern exactly', async (_, truth, options) => {
    const out = await patchmatch(withHoleValue(truth, centreHole, 128), centreHole, { colourCorrection: 0, ...options });
    expect(holeAgreement(out, truth, centreHole)).toEqual({ maxDifference: 0, exactFraction: 1 });
  });

  it.each([0, 1, 2, 3])('checker, patchSize 5 and a single iteration (seed %i): at least 95%% of the hole exact', async (seed) => {
    // Measured 97-100% over seeds 0..3: one search pass with small patches leaves a few
    // matches a period off, which the exact cases above (more passes or larger patches) fix.
    const options = { patchSize: 5, iterations: 1, colourCorrection: 0, seed };
    const out = await patchmatch(withHoleValue(checker, centreHole, 128), centreHole, options);
    expect(holeAgreement(out, checker, centreHole).exactFraction).toBeGreaterThanOrEqual(0.95);
  });

  it.each([
    [37, 37],
    [41, 43],
    [43, 30],
  ])('stripes with the hole at (%i,%i) (another phase), colourCorrection 0: exact', async (x0, y0) => {
    const mask = rectMask(96, 96, x0, y0, 16);
    const out = await patchmatch(withHoleValue(stripes, mask, 0), mask, { colourCorrection: 0 });
    expect(holeAgreement(out, stripes, mask).exactFraction).toBe(1);
  });

  it('stripes, default options: every hole pixel has the right stripe, within the 10-level colour correction', async () => {
    // The copied stripes are exact (above); the default colour correction then shifts them by up
    // to its limit, because the diffusion it pulls towards ramps from the blue column left of
    // the hole to the red column right of it.
    const out = await patchmatch(withHoleValue(stripes, centreHole, 128), centreHole);
    expect(holeAgreement(out, stripes, centreHole).maxDifference).toBeLessThanOrEqual(10);
  });

  it('checker, default options: within the 10-level colour correction of the continued pattern', async () => {
    const out = await patchmatch(withHoleValue(checker, centreHole, 128), centreHole);
    expect(holeAgreement(out, checker, centreHole).maxDifference).toBeLessThanOrEqual(10);
  });

  it('same seed twice: identical outputs; seeds 0..3 on noise: not all the same', async () => {
    const noise = noiseImage(80, 80, 5);
    const mask = rectMask(80, 80, 30, 30, 18);
    const first = await patchmatch(noise, mask, { seed: 3 });
    const again = await patchmatch(noise, mask, { seed: 3 });
    expect(again.rgb).toEqual(first.rgb);
    const outputs = new Set<string>();
    for (const seed of [0, 1, 2, 3]) outputs.add(Buffer.from((await patchmatch(noise, mask, { seed })).rgb).toString('hex'));
    expect(outputs.size).toBeGreaterThan(1);
  });

  it('hole input values do not matter: holes of 0, 255 and noise give identical outputs', async () => {
    const image = noiseImage(72, 64, 8);
    const mask = rectMask(72, 64, 20, 18, 20, 14);
    const zero = await patchmatch(withHoleValue(image, mask, 0), mask);
    expect((await patchmatch(withHoleValue(image, mask, 255), mask)).rgb).toEqual(zero.rgb);
    expect((await patchmatch(image, mask)).rgb).toEqual(zero.rgb);
  });

  it('known pixels bit-identical and the size kept (noise 70x50, 11x9 hole)', async () => {
    const image = noiseImage(70, 50, 12);
    const mask = rectMask(70, 50, 30, 20, 11, 9);
    const out = await patchmatch(image, mask);
    expect([out.width, out.height, out.rgb.length]).toEqual([70, 50, 70 * 50 * 3]);
    expect(changedKnownPixels(out, image, mask)).toBe(0);
  });

  it('progress: fractions in 0..1, non-decreasing, more than one, the last 1', async () => {
    const fractions: number[] = [];
    await inpaintImage(stripes, centreHole, { method: 'patchmatch', onProgress: (f) => fractions.push(f) });
    expect(fractions.length).toBeGreaterThan(2);
    for (let i = 0; i < fractions.length; i++) {
      expect(fractions[i]).toBeGreaterThanOrEqual(i === 0 ? 0 : fractions[i - 1]);
      expect(fractions[i]).toBeLessThanOrEqual(1);
    }
    expect(fractions.at(-1)).toBe(1);
  });

  it('an already aborted signal: CancelledError, no progress reported', async () => {
    const controller = new AbortController();
    controller.abort();
    const fractions: number[] = [];
    const run = inpaintImage(stripes, centreHole, { method: 'patchmatch', signal: controller.signal, onProgress: (f) => fractions.push(f) });
    await expect(run).rejects.toThrow(CancelledError);
    expect(fractions).toEqual([]);
  });

  it('aborted at the first progress report: CancelledError, and the work stops there', async () => {
    const controller = new AbortController();
    const fractions: number[] = [];
    const run = inpaintImage(stripes, centreHole, {
      method: 'patchmatch',
      signal: controller.signal,
      onProgress: (f) => {
        fractions.push(f);
        controller.abort();
      },
    });
    await expect(run).rejects.toThrow(CancelledError);
    expect(fractions).toHaveLength(1);
    expect(fractions[0]).toBeLessThan(1);
  });
});

describe('patchmatch on tiny images and awkward holes', () => {
  const texture = (w: number, h: number) => patternImage(w, h, (x, y) => [(x * 37 + y * 11) % 256, (x * y * 5) % 256, ((x ^ y) * 9) % 256]);

  it.each([
    ['12x12, 3x3 hole in the middle', 12, 12, rectMask(12, 12, 4, 4, 3)],
    ['12x12, 3x3 hole on the corner', 12, 12, rectMask(12, 12, 0, 0, 3)],
    ['12x12, 3x3 hole on the top edge', 12, 12, rectMask(12, 12, 5, 0, 3)],
    ['12x12, 1-pixel hole', 12, 12, rectMask(12, 12, 6, 6, 1)],
    ['32x32, 1-pixel hole on the bottom-right corner', 32, 32, rectMask(32, 32, 31, 31, 1)],
    ['8x8, 6x6 hole (no whole known 7x7 patch)', 8, 8, rectMask(8, 8, 1, 1, 6)],
    ['8x8, 7x7 hole, one known row and column', 8, 8, rectMask(8, 8, 0, 0, 7)],
    ['5x5 (smaller than a patch), 1-pixel hole', 5, 5, rectMask(5, 5, 2, 2, 1)],
    ['7x1, 1-pixel hole', 7, 1, rectMask(7, 1, 3, 0, 1)],
    ['2x2, 1-pixel hole', 2, 2, rectMask(2, 2, 0, 0, 1)],
    ['96x4 strip, 5x2 hole', 96, 4, rectMask(96, 4, 40, 1, 5, 2)],
    ['40x40, a column hole the full height', 40, 40, rectMask(40, 40, 18, 0, 4, 40)],
  ])('%s: finishes, same size, known pixels kept', { timeout: 10_000 }, async (_, width, height, mask) => {
    const image = texture(width, height);
    const fractions: number[] = [];
    const out = await inpaintImage(image, mask, { method: 'patchmatch', onProgress: (f) => fractions.push(f) });
    expect([out.width, out.height]).toEqual([width, height]);
    expect(changedKnownPixels(out, image, mask)).toBe(0);
    expect(fractions.at(-1)).toBe(1);
  });

  it.each([
    ['12x12, 3x3 hole', 12, 12, rectMask(12, 12, 4, 4, 3)],
    ['8x8, 6x6 hole', 8, 8, rectMask(8, 8, 1, 1, 6)],
    ['5x5, 1-pixel hole', 5, 5, rectMask(5, 5, 2, 2, 1)],
  ])('constant %s (nothing to copy: diffused): the constant exactly', async (_, width, height, mask) => {
    const truth = patternImage(width, height, () => [10, 200, 99]);
    expect((await patchmatch(withHoleValue(truth, mask, 0), mask)).rgb).toEqual(truth.rgb);
  });

  it('1-pixel lines every 7 px plus a 40x40 block (no whole known patch at full size, some a level up): no crash', { timeout: 10_000 }, async () => {
    // Halving erases the thin lines, so the coarse level has sources while the finest has none:
    // this used to throw a raw "patch field has no source patch".
    const width = 128;
    const data = new Uint8Array(width * width);
    for (let y = 0; y < width; y++) {
      for (let x = 0; x < width; x++) if (x % 7 === 3 || (x >= 44 && x < 84 && y >= 44 && y < 84)) data[y * width + x] = 1;
    }
    const mask = createMask(width, width, data);
    const image = noiseImage(width, width, 3);
    for (const levels of [0, 2]) {
      const out = await patchmatch(image, mask, { levels });
      expect(changedKnownPixels(out, image, mask)).toBe(0);
    }
  });
});
