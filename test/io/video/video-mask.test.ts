import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidOptionError, SizeMismatchError } from '../../../src/core/errors.js';
import { createImage, holeCount, type Image, type Mask } from '../../../src/core/image.js';
import { writeImage } from '../../../src/io/write-image.js';
import { openVideoMask } from '../../../src/io/video/video-mask.js';
import { createVideoWriter } from '../../../src/io/video/video-writer.js';
import { useTempFolder } from '../temp-folder.js';

const tempFolder = useTempFolder();
const width = 64;
const height = 48;
const frameCount = 6;

/** A white 16x12 box on black that moves 4 px right each frame. */
function boxFrame(index: number, w = width, h = height): Image {
  const rgb = new Uint8Array(w * h * 3);
  for (let y = 10; y < 22; y++) for (let x = 8 + 4 * index; x < 24 + 4 * index; x++) rgb.fill(255, (y * w + x) * 3, (y * w + x) * 3 + 3);
  return createImage(w, h, rgb);
}

function boxHole(mask: Mask, index: number, x: number, y: number): number {
  return mask.data[y * mask.width + x] && x >= 8 + 4 * index && x < 24 + 4 * index && y >= 10 && y < 22 ? 1 : 0;
}

async function collect(masks: AsyncGenerator<Mask>): Promise<Mask[]> {
  const out: Mask[] = [];
  for await (const mask of masks) out.push(mask);
  return out;
}

async function writeMaskVideo(path: string, count: number, w = width, h = height): Promise<void> {
  const writer = await createVideoWriter(path, { width: w, height: h, fps: 12 });
  for (let i = 0; i < count; i++) await writer.write(boxFrame(i, w, h));
  await writer.close();
}

/** A folder of box masks named by `numbers`, mask i drawn as boxFrame(number). */
async function maskFolder(numbers: readonly number[]): Promise<string> {
  const folder = join(await tempFolder(), 'masks');
  await mkdir(folder);
  for (const number of numbers) await writeImage(join(folder, `${String(number).padStart(5, '0')}.png`), boxFrame(number % frameCount));
  return folder;
}

describe('openVideoMask: a folder of masks goes with the frames by number', () => {
  it('frames with a gap (0-3, 5): masks 0-3, 5 are paired by number; masks 0-4 are refused, naming frame 5', async () => {
    const frameNumbers = [0, 1, 2, 3, 5];
    const same = await collect(await openVideoMask(await maskFolder(frameNumbers), { width, height, frameCount: 5, frameNumbers }));
    // Mask 5 went with frame 5 (the box of frame 5), not mask 4.
    expect(boxHole(same[4], 5, 28, 15)).toBe(1);
    const shifted = await maskFolder([0, 1, 2, 3, 4]);
    const error = await openVideoMask(shifted, { width, height, frameCount: 5, frameNumbers }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).expected).toBe('a mask numbered 5 for frame 5 (masks go with frames by number)');
  });

  it('frames 1-5 and masks 0-4, both without gaps: paired in order, with a note', async () => {
    const notes: string[] = [];
    const masks = await collect(await openVideoMask(await maskFolder([0, 1, 2, 3, 4]), { width, height, frameCount: 5, frameNumbers: [1, 2, 3, 4, 5], onNote: (n) => notes.push(n) }));
    expect(masks).toHaveLength(5);
    expect(notes).toEqual([expect.stringContaining('are numbered from 0 and frames from 1: paired in order')]);
  });
});

describe('openVideoMask', () => {
  it('one image gives the same mask for every frame, dilated', async () => {
    const path = join(await tempFolder(), 'mask.png');
    await writeImage(path, boxFrame(0));
    const masks = await collect(await openVideoMask(path, { width, height, frameCount, dilate: 2 }));
    expect(masks).toHaveLength(frameCount);
    expect(holeCount(masks[5])).toBe(holeCount(masks[0]));
    expect(holeCount(masks[0])).toBeGreaterThan(16 * 12);
  });

  it('a folder of per-frame masks is read in order', async () => {
    const dir = join(await tempFolder(), 'masks');
    await mkdir(dir);
    for (let i = 0; i < frameCount; i++) await writeImage(join(dir, `m${i}.png`), boxFrame(i));
    const masks = await collect(await openVideoMask(dir, { width, height, frameCount }));
    expect(masks).toHaveLength(frameCount);
    for (let i = 0; i < frameCount; i++) expect(masks[i].data[11 * width + 8 + 4 * i]).toBe(1);
    expect(holeCount(masks[3])).toBe(16 * 12);
  });

  it('a folder with 5 masks for 6 frames is an InvalidInputError naming both counts', async () => {
    const dir = join(await tempFolder(), 'masks');
    await mkdir(dir);
    for (let i = 0; i < 5; i++) await writeImage(join(dir, `${i}.png`), boxFrame(i));
    const error = await openVideoMask(dir, { width, height, frameCount }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/6 masks.*received 5/);
  });

  it('a mask video is thresholded at 50%: the H.264 box comes back as the box', async () => {
    const path = join(await tempFolder(), 'mask.mp4');
    await writeMaskVideo(path, frameCount);
    const notes: string[] = [];
    const masks = await collect(await openVideoMask(path, { width, height, frameCount, onNote: (note) => notes.push(note) }));
    expect(masks).toHaveLength(frameCount);
    for (let i = 0; i < frameCount; i++) {
      let inside = 0;
      for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) inside += boxHole(masks[i], i, x, y);
      expect(inside).toBe(16 * 12);
      expect(holeCount(masks[i])).toBe(16 * 12);
    }
    expect(new Set(notes).size).toBe(notes.length);
  });

  it('invert swaps hole and known in a mask video', async () => {
    const path = join(await tempFolder(), 'mask.mp4');
    await writeMaskVideo(path, frameCount);
    const masks = await collect(await openVideoMask(path, { width, height, frameCount, invert: true }));
    expect(holeCount(masks[0])).toBe(width * height - 16 * 12);
  });

  it('a mask video of 4 frames for 6 is an InvalidInputError naming both counts', async () => {
    const path = join(await tempFolder(), 'mask.mp4');
    await writeMaskVideo(path, 4);
    await expect(openVideoMask(path, { width, height, frameCount })).rejects.toThrow(/6 masks.*received 4/);
  });

  it('a mask video of another size is a SizeMismatchError, resized with resize: true', async () => {
    const path = join(await tempFolder(), 'mask.mp4');
    await writeMaskVideo(path, frameCount, width * 2, height * 2);
    const error = await openVideoMask(path, { width, height, frameCount }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SizeMismatchError);
    expect((error as Error).message).toContain('resize');
    const masks = await collect(await openVideoMask(path, { width, height, frameCount, resize: true }));
    expect(masks[0]).toMatchObject({ width, height });
    expect(holeCount(masks[0])).toBeGreaterThan(0);
  });

  it('a mask image of another size is a SizeMismatchError', async () => {
    const path = join(await tempFolder(), 'mask.png');
    await writeImage(path, createImage(width + 1, height));
    await expect(openVideoMask(path, { width, height, frameCount })).rejects.toBeInstanceOf(SizeMismatchError);
  });

  it('frameCount 0 is an InvalidOptionError', async () => {
    await expect(openVideoMask('x.png', { width, height, frameCount: 0 })).rejects.toBeInstanceOf(InvalidOptionError);
  });
});
