import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, SizeMismatchError } from '../../src/core/errors.js';
import { holeCount } from '../../src/core/image.js';
import { readMask } from '../../src/io/read-mask.js';
import { writeMask } from '../../src/io/write-mask.js';
import { useTempFolder } from './temp-folder.js';

const tempFolder = useTempFolder();

async function writeGray(path: string, width: number, height: number, values: (i: number) => number): Promise<void> {
  const data = Uint8Array.from({ length: width * height }, (_, i) => values(i));
  await sharp(data, { raw: { width, height, channels: 1 } }).toColourspace('b-w').png().toFile(path);
}

describe('readMask', () => {
  it('black and white PNG: white is hole', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'm.png');
    await writeGray(path, 4, 1, (i) => (i % 2 ? 255 : 0));
    const mask = await readMask(path);
    expect(Array.from(mask.data)).toEqual([0, 1, 0, 1]);
  });

  it('soft mask: thresholded at 50%, with a note', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'soft.png');
    await writeGray(path, 4, 1, (i) => [0, 100, 160, 255][i]);
    const notes: string[] = [];
    const mask = await readMask(path, { onNote: (n) => notes.push(n) });
    expect(Array.from(mask.data)).toEqual([0, 0, 1, 1]);
    expect(notes[0]).toContain('thresholded at 50%');
  });

  it('fromAlpha: transparent is hole', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'alpha.png');
    await sharp(Buffer.from([0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 10]), { raw: { width: 3, height: 1, channels: 4 } })
      .png()
      .toFile(path);
    expect(Array.from((await readMask(path, { fromAlpha: true })).data)).toEqual([1, 0, 1]);
  });

  it('fromAlpha on a file without alpha: InvalidInputError naming the file', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'opaque.png');
    await writeGray(path, 2, 2, () => 0);
    await expect(readMask(path, { fromAlpha: true })).rejects.toThrow(InvalidInputError);
    await expect(readMask(path, { fromAlpha: true })).rejects.toThrow(path);
  });

  it('invert: black is hole', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'm.png');
    await writeGray(path, 3, 1, (i) => (i === 0 ? 255 : 0));
    expect(Array.from((await readMask(path, { invert: true })).data)).toEqual([0, 1, 1]);
  });

  it('dilate 1 on one hole pixel: 5 hole pixels', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'dot.png');
    await writeGray(path, 5, 5, (i) => (i === 12 ? 255 : 0));
    expect(holeCount(await readMask(path, { dilate: 1 }))).toBe(5);
  });

  it('size differs from the image: SizeMismatchError suggesting --resize-mask', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'small.png');
    await writeGray(path, 4, 4, () => 255);
    const error = await readMask(path, { size: { width: 8, height: 6 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SizeMismatchError);
    expect((error as Error).message).toContain('expected 8x6 but received 4x4');
    expect((error as Error).message).toContain('--resize-mask');
  });

  it('size differs, resize: scaled to the image with a note, before dilating', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'small.png');
    await writeGray(path, 2, 2, (i) => (i === 0 ? 255 : 0));
    const notes: string[] = [];
    const mask = await readMask(path, { size: { width: 4, height: 4 }, resize: true, onNote: (n) => notes.push(n) });
    expect([mask.width, mask.height]).toEqual([4, 4]);
    expect(holeCount(mask)).toBe(4);
    expect(notes).toEqual([`${path} is 2x2: resized to 4x4 (nearest neighbour)`]);
  });

  it('unreadable file: InvalidInputError', async () => {
    const dir = await tempFolder();
    await expect(readMask(join(dir, 'missing.png'))).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe('writeMask', () => {
  it('writes a one-channel PNG, 255 = hole, that reads back the same', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'out.png');
    const mask = { width: 3, height: 2, data: Uint8Array.from([1, 0, 0, 1, 1, 0]) };
    await writeMask(path, mask);
    expect((await sharp(path).metadata()).channels).toBe(1);
    const data = await sharp(path).extractChannel(0).raw().toBuffer();
    expect(Array.from(data)).toEqual([255, 0, 0, 255, 255, 0]);
    expect(Array.from((await readMask(path)).data)).toEqual(Array.from(mask.data));
    expect(await readdir(dir)).toEqual(['out.png']);
  });
});
