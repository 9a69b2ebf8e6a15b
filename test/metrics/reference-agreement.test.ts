import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createImage, createMask, type Image, type Mask } from '../../src/core/image.js';
import { composite } from '../../src/metrics/composite.js';
import { l1Percent } from '../../src/metrics/l1.js';
import { psnr } from '../../src/metrics/psnr.js';
import { sharpness } from '../../src/metrics/sharpness.js';
import { ssim } from '../../src/metrics/ssim.js';

// Expected values come from the reference scorer's own calls (see test/fixtures/metrics/README.md).
const fixtureDir = fileURLToPath(new URL('../fixtures/metrics/', import.meta.url));

interface Scores {
  psnr: number;
  ssim: number;
  l1: number;
  sharpness: number;
}
interface FixtureCase {
  truth: string;
  output: string;
  mask: string;
  holePixels: number;
  raw: Scores;
  composited: Scores;
}

const expected = JSON.parse(await readFile(join(fixtureDir, 'expected.json'), 'utf8')) as { cases: FixtureCase[] };

async function readRgb(name: string): Promise<Image> {
  const { data, info } = await sharp(join(fixtureDir, name)).raw().toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(3);
  return createImage(info.width, info.height, new Uint8Array(data));
}

async function readMask(name: string): Promise<Mask> {
  // sharp hands out sRGB unless told otherwise: ask for the grey channel the PNG holds
  const { data, info } = await sharp(join(fixtureDir, name)).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(1);
  return createMask(info.width, info.height, Uint8Array.from(data, (v) => (v > 127 ? 1 : 0)));
}

function expectScores(output: Image, truth: Image, mask: Mask, want: Scores): void {
  expect(Math.abs(psnr(output, truth) - want.psnr)).toBeLessThan(0.01);
  expect(Math.abs(ssim(output, truth) - want.ssim)).toBeLessThan(1e-4);
  expect(Math.abs(l1Percent(output, truth) - want.l1)).toBeLessThan(1e-3);
  expect(Math.abs(sharpness(output, truth, mask) - want.sharpness)).toBeLessThan(1e-3);
}

describe('metrics agree with evaluate.py (OpenCV 4.6, scikit-image 0.19)', () => {
  it('the fixture holds four 48x40 cases', () => {
    expect(expected.cases).toHaveLength(4);
  });

  for (const c of expected.cases) {
    it(`${c.output} against ${c.truth}, whole output, mask ${c.mask}`, async () => {
      const [truth, output, mask] = await Promise.all([readRgb(c.truth), readRgb(c.output), readMask(c.mask)]);
      expect(mask.data.reduce((n, v) => n + v, 0)).toBe(c.holePixels);
      expectScores(output, truth, mask, c.raw);
    });

    it(`${c.output} against ${c.truth}, composited in mask ${c.mask}`, async () => {
      const [truth, output, mask] = await Promise.all([readRgb(c.truth), readRgb(c.output), readMask(c.mask)]);
      expectScores(composite(output, truth, mask), truth, mask, c.composited);
    });
  }
});
