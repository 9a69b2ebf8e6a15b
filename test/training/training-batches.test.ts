/**
 * Training batches streamed from disk: crops are the photo's pixels (mirrored when flipped), small
 * photos are enlarged, holes come from the mask folder when given, nothing is decoded at opening,
 * and a generator restarted from randomState() draws what the first would have drawn next.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { batchTensors, TrainingBatches, type DecodedBatch } from '../../src/training/training-batches.js';
import { useTempFolder } from '../io/temp-folder.js';
import { writeTrainingPhotos } from './training-photos.js';

const tempFolder = useTempFolder();

/** A square photo whose red channel is x * 256 / side and green y * 256 / side: a crop shows where it came from. */
async function writeGradient(path: string, side = 16): Promise<void> {
  const [width, height, level] = [side, side, 256 / side];
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) [rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2]] = [(i % width) * level, Math.floor(i / width) * level, 77];
  await writeFile(path, await sharp(rgb, { raw: { width, height, channels: 3 } }).png().toBuffer());
}

const red = (batch: DecodedBatch, b: number, x: number, y: number): number => Math.round(batch.pixels[(b * 3) * batch.size ** 2 + y * batch.size + x] * 255);

describe('TrainingBatches', () => {
  it('a photo the size of the crop comes whole, mirrored in about half the draws; values in [0, 1]', async () => {
    const folder = await tempFolder();
    await writeGradient(join(folder, 'a.png'));
    const batches = await TrainingBatches.open({ imagesDir: folder, size: 16, batchSize: 8, randomState: 1 });
    const batch = await batches.next();
    expect(batch.pixels.length).toBe(8 * 3 * 256);
    expect(batch.holes.length).toBe(8 * 256);
    let flipped = 0;
    for (let b = 0; b < 8; b++) {
      const isFlipped = red(batch, b, 0, 0) === 240;
      flipped += isFlipped ? 1 : 0;
      for (let x = 0; x < 16; x++) expect(red(batch, b, x, 5)).toBe((isFlipped ? 15 - x : x) * 16);
      // Green follows y: no vertical flip.
      expect(Math.round(batch.pixels[(b * 3 + 1) * 256 + 9 * 16 + 3] * 255)).toBe(9 * 16);
    }
    expect(flipped).toBeGreaterThan(0);
    expect(flipped).toBeLessThan(8);
    expect(batch.holes.every((v) => v === 0 || v === 1)).toBe(true);
    expect(batch.holes.some((v) => v === 1)).toBe(true);
  });

  it('a photo smaller than the crop is enlarged to it, a much larger one shrunk to three crops', async () => {
    const folder = await tempFolder();
    await writeTrainingPhotos(folder, 1, 10, 12);
    const small = await (await TrainingBatches.open({ imagesDir: folder, size: 16, batchSize: 1, randomState: 0 })).next();
    expect(small.pixels.length).toBe(3 * 256);
    const large = await tempFolder();
    await writeGradient(join(large, 'big.png'), 64);
    // Size 8: the 64-pixel photo is shrunk to 24, so neighbouring crop pixels differ by 4 * 64 / 24 levels, not 4.
    const batch = await (await TrainingBatches.open({ imagesDir: large, size: 8, batchSize: 1, randomState: 0 })).next();
    const step = Math.abs(red(batch, 0, 4, 1) - red(batch, 0, 3, 1));
    expect(step).toBeGreaterThan(9);
    expect(step).toBeLessThan(13);
  });

  it('holes from a mask folder (white = hole), scaled to the crop', async () => {
    const folder = await tempFolder();
    await writeGradient(join(folder, 'a.png'));
    const masks = await tempFolder();
    const grey = Buffer.alloc(32 * 32);
    for (let y = 0; y < 16; y++) grey.fill(255, y * 32, y * 32 + 32);
    await sharp(grey, { raw: { width: 32, height: 32, channels: 1 } }).png().toFile(join(masks, 'top-half.png'));
    const batch = await (await TrainingBatches.open({ imagesDir: folder, masksDir: masks, size: 16, batchSize: 2, randomState: 0 })).next();
    const expected = Array.from({ length: 256 }, (_, i) => (i < 128 ? 1 : 0));
    expect([...batch.holes]).toEqual([...expected, ...expected]);
  });

  it('restarted from randomState(), draws the batches the first would have drawn next', async () => {
    const folder = await tempFolder();
    await writeTrainingPhotos(folder, 3, 40, 30);
    const options = { imagesDir: folder, size: 16, batchSize: 2, randomState: 5 };
    const first = await TrainingBatches.open(options);
    await first.next();
    const state = first.randomState();
    const [second, third] = [await first.next(), await first.next()];
    const restarted = await TrainingBatches.open({ ...options, randomState: state });
    expect(await restarted.next()).toEqual(second);
    expect(await restarted.next()).toEqual(third);
    expect(second).not.toEqual(third);
  });

  it('opening decodes nothing: a broken photo is reported by name when drawn', async () => {
    const folder = await tempFolder();
    await writeFile(join(folder, 'broken.png'), 'not a png');
    const batches = await TrainingBatches.open({ imagesDir: folder, size: 16, batchSize: 1, randomState: 0 });
    await expect(batches.next()).rejects.toThrow(/broken\.png: expected a training photo/);
  });

  it('a folder without images, or missing, is an input error naming it', async () => {
    const empty = await tempFolder();
    await expect(TrainingBatches.open({ imagesDir: empty, size: 16, batchSize: 1, randomState: 0 })).rejects.toThrow(InvalidInputError);
    await expect(TrainingBatches.open({ imagesDir: join(empty, 'nope'), size: 16, batchSize: 1, randomState: 0 })).rejects.toThrow(/nope/);
  });
});

describe('TrainingBatches of clips', () => {
  /** A channel of frame t of clip b, at (x, y), as a byte. */
  const at = (batch: DecodedBatch, b: number, t: number, c: number, x: number, y: number): number =>
    Math.round(batch.pixels[((b * batch.frames! + t) * 3 + c) * batch.size ** 2 + y * batch.size + x] * 255);

  it('each clip is a camera pan over one photo: frames shift steadily, holes move, tensors [B, T, C, S, S]', async () => {
    const folder = await tempFolder();
    await writeGradient(join(folder, 'a.png'), 64);
    const batches = await TrainingBatches.open({ imagesDir: folder, size: 16, batchSize: 3, frames: 6, randomState: 2 });
    const batch = await batches.next();
    expect(batch.frames).toBe(6);
    expect(batch.pixels.length).toBe(3 * 6 * 3 * 256);
    expect(batch.holes.length).toBe(3 * 6 * 256);
    let moving = 0;
    for (let b = 0; b < 3; b++) {
      // Red follows x and green y: the pan's shift between frames is the same everywhere in the window (up to the zoom's few levels).
      const shifts = [0, 1, 2, 3, 4].map((t) => at(batch, b, t + 1, 0, 8, 8) - at(batch, b, t, 0, 8, 8));
      for (const shift of shifts) expect(Math.abs(shift - shifts[0])).toBeLessThanOrEqual(2);
      if (shifts.some((d) => d !== 0)) moving++;
      expect(at(batch, b, 3, 2, 5, 5)).toBe(77);
    }
    expect(moving).toBeGreaterThan(0);
    const plane = 256;
    const hole = (t: number): number[] => [...batch.holes.subarray(t * plane, (t + 1) * plane)];
    expect(hole(0).some((v) => v === 1)).toBe(true);
    expect(hole(1)).not.toEqual(hole(0));
    const tensors = batchTensors(batch);
    expect(tensors.image.shape).toEqual([3, 6, 3, 16, 16]);
    expect(tensors.mask.shape).toEqual([3, 6, 1, 16, 16]);
  });

  it('restarted from randomState(), draws the clips the first would have drawn next', async () => {
    const folder = await tempFolder();
    await writeTrainingPhotos(folder, 2, 40, 30);
    const options = { imagesDir: folder, size: 16, batchSize: 2, frames: 3, randomState: 9 };
    const first = await TrainingBatches.open(options);
    await first.next();
    const restarted = await TrainingBatches.open({ ...options, randomState: first.randomState() });
    expect(await restarted.next()).toEqual(await first.next());
  });

  it('holes from a folder of mask clips: consecutive masks of one clip; a clip shorter than the frames is refused by name', async () => {
    const folder = await tempFolder();
    await writeGradient(join(folder, 'a.png'));
    const masks = await tempFolder();
    const clip = join(masks, 'clip-a');
    await mkdir(clip);
    // Frame k's hole is its top k rows.
    for (let k = 0; k < 4; k++) {
      const grey = Buffer.alloc(16 * 16);
      grey.fill(255, 0, k * 16);
      await sharp(grey, { raw: { width: 16, height: 16, channels: 1 } }).png().toFile(join(clip, `0000${k}.png`));
    }
    const batch = await (await TrainingBatches.open({ imagesDir: folder, masksDir: masks, size: 16, batchSize: 1, frames: 3, randomState: 0 })).next();
    const rows = [0, 1, 2].map((t) => batch.holes.subarray(t * 256, (t + 1) * 256).reduce((sum, v) => sum + v, 0) / 16);
    expect(rows[1]).toBe(rows[0] + 1);
    expect(rows[2]).toBe(rows[0] + 2);
    await expect(TrainingBatches.open({ imagesDir: folder, masksDir: masks, size: 16, batchSize: 1, frames: 5, randomState: 0 })).rejects.toThrow(/clip-a: expected a mask clip of at least 5 frames/);
    await expect(TrainingBatches.open({ imagesDir: folder, masksDir: clip, size: 16, batchSize: 1, frames: 2, randomState: 0 })).rejects.toThrow(/no subfolders/);
  });
});
