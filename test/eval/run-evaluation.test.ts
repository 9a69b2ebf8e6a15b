import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, InvalidInputError, SizeMismatchError } from '../../src/core/errors.js';
import { createImage, type Image, type Mask } from '../../src/core/image.js';
import { evalBuckets } from '../../src/eval/pairs.js';
import { runEvaluation, type InpaintFunction } from '../../src/eval/run-evaluation.js';
import { SIZE, makeTinyDataDir, tinyMaskBytes, writeGreyPng } from './tiny-data.js';

describe('runEvaluation', () => {
  let dataDir: string;
  let truths: Map<string, Image>;
  beforeAll(async () => {
    ({ dataDir, truths } = await makeTinyDataDir());
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  /** Seen inputs, and a filler that answers with the ground truth whose known pixels match. */
  function oracle() {
    const inputs: Array<{ image: Image; mask: Mask }> = [];
    const inpaint: InpaintFunction = async (image, mask) => {
      inputs.push({ image, mask });
      const truth = [...truths.values()].find((t) => t.rgb.every((v, i) => mask.data[Math.floor(i / 3)] || v === image.rgb[i]));
      if (!truth) throw new Error('no ground truth matches the known pixels');
      return truth;
    };
    return { inputs, inpaint };
  }

  const greyFiller: InpaintFunction = async (image) => createImage(image.width, image.height, new Uint8Array(image.rgb.length).fill(128));

  it('the ground truth as output: PSNR >= 99, SSIM 1, L1 0, sharpness 1 in every bucket', async () => {
    const report = await runEvaluation({ dataDir, method: 'oracle', inpaint: oracle().inpaint });
    expect(report.method).toBe('oracle');
    expect(report.pairs).toHaveLength(12);
    expect(report.buckets.map((b) => b.bucket)).toEqual([...evalBuckets]);
    for (const row of [...report.buckets, report.overall]) {
      expect(row.psnr).toBeGreaterThanOrEqual(99);
      expect(row.ssim).toBeCloseTo(1, 10);
      expect(row.l1).toBe(0);
      expect(row.sharpness).toBeCloseTo(1, 10);
      expect(row.msPerPair).toBeGreaterThanOrEqual(0);
    }
    expect(report.buckets.map((b) => b.count)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(report.overall.count).toBe(12);
  });

  it('the method sees the hole filled with grey 128 and every known pixel intact', async () => {
    const { inputs, inpaint } = oracle();
    await runEvaluation({ dataDir, method: 'oracle', inpaint });
    expect(inputs).toHaveLength(12);
    for (const { image, mask } of inputs) {
      const holes = mask.data.reduce((n, v) => n + v, 0);
      expect(holes).toBeGreaterThan(0);
      for (let i = 0; i < mask.data.length; i++) {
        if (mask.data[i]) expect([image.rgb[i * 3], image.rgb[i * 3 + 1], image.rgb[i * 3 + 2]]).toEqual([128, 128, 128]);
      }
    }
  });

  it('a grey output scores below the truth: lower PSNR, L1 above 0, sharpness below 1, larger holes worse', async () => {
    const report = await runEvaluation({ dataDir, method: 'grey', inpaint: greyFiller });
    expect(report.overall.psnr).toBeLessThan(30);
    expect(report.overall.ssim).toBeLessThan(1);
    expect(report.overall.l1).toBeGreaterThan(0);
    expect(report.overall.sharpness).toBeLessThan(1);
    // masks grow with the bucket index in the tiny data: more grey, more error
    const l1s = report.buckets.map((b) => b.l1);
    expect([...l1s].sort((a, b) => a - b)).toEqual(l1s);
  });

  it('bucket and overall rows are the means of the pair rows', async () => {
    const report = await runEvaluation({ dataDir, method: 'grey', inpaint: greyFiller });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(report.overall.psnr).toBeCloseTo(mean(report.pairs.map((p) => p.psnr)), 12);
    const center = report.pairs.filter((p) => p.bucket === 'center');
    expect(report.buckets.find((b) => b.bucket === 'center')!.ssim).toBeCloseTo(mean(center.map((p) => p.ssim)), 12);
  });

  it('outDir receives <key>.png for each pair, composited, and no temporary files', async () => {
    const outDir = join(dataDir, 'out', 'grey');
    await runEvaluation({ dataDir, method: 'grey', inpaint: greyFiller, outDir });
    const files = (await readdir(outDir)).sort();
    expect(files).toHaveLength(12);
    expect(files).toContain('a__center.png');
    const { data, info } = await sharp(join(outDir, 'b__10-20.png')).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(3);
    const truth = truths.get('b')!;
    const mask = tinyMaskBytes(1); // b is image 1: masks/10-20/01, written from tinyMaskBytes(1 + 0)
    for (let i = 0; i < SIZE * SIZE; i++) {
      expect(data[i * 3 + 1]).toBe(mask[i] ? 128 : truth.rgb[i * 3 + 1]);
    }
  });

  it('onProgress runs after each pair, rising to 1, with the pair key', async () => {
    const calls: Array<[number, string | undefined]> = [];
    await runEvaluation({ dataDir, method: 'grey', inpaint: greyFiller, onProgress: (f, s) => calls.push([f, s]) });
    expect(calls).toHaveLength(12);
    expect(calls[0]).toEqual([1 / 12, 'a__10-20']);
    expect(calls.at(-1)).toEqual([1, 'b__center']);
  });

  it('an aborted signal stops the run with CancelledError', async () => {
    const controller = new AbortController();
    let calls = 0;
    const inpaint: InpaintFunction = async (image, mask, context) => {
      if (++calls === 3) controller.abort();
      return greyFiller(image, mask, context);
    };
    await expect(runEvaluation({ dataDir, method: 'grey', inpaint, signal: controller.signal })).rejects.toThrow(CancelledError);
    expect(calls).toBe(3);
  });

  it('an output of the wrong size throws SizeMismatchError', async () => {
    const inpaint: InpaintFunction = async () => createImage(SIZE - 1, SIZE);
    await expect(runEvaluation({ dataDir, method: 'bad', inpaint })).rejects.toThrow(SizeMismatchError);
  });

  it('a mask whose size differs from its image throws SizeMismatchError naming the mask', async () => {
    const { dataDir: dir } = await makeTinyDataDir();
    try {
      await writeGreyPng(join(dir, 'masks', '10-20', '00.png'), tinyMaskBytes(0, SIZE + 2), SIZE + 2);
      await expect(runEvaluation({ dataDir: dir, method: 'grey', inpaint: greyFiller })).rejects.toThrow(
        /mask .*10-20.00\.png/,
      );
      await expect(runEvaluation({ dataDir: dir, method: 'grey', inpaint: greyFiller })).rejects.toThrow(SizeMismatchError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an empty mask throws InvalidInputError', async () => {
    const { dataDir: dir } = await makeTinyDataDir();
    try {
      await writeGreyPng(join(dir, 'masks', 'center', '00.png'), new Uint8Array(SIZE * SIZE));
      await expect(runEvaluation({ dataDir: dir, method: 'grey', inpaint: greyFiller })).rejects.toThrow(InvalidInputError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an image file that is not a PNG throws InvalidInputError naming it', async () => {
    const { dataDir: dir } = await makeTinyDataDir();
    try {
      await writeFile(join(dir, 'images', 'a.png'), 'not a png');
      const error = await runEvaluation({ dataDir: dir, method: 'grey', inpaint: greyFiller }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toContain(join(dir, 'images', 'a.png'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
