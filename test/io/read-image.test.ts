import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { readImage } from '../../src/io/read-image.js';
import { useTempFolder } from './temp-folder.js';

const tempFolder = useTempFolder();

describe('readImage', () => {
  it('8-bit RGB PNG: pixels as written, no alpha, no note', async () => {
    const dir = await tempFolder();
    const rgb = Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => (i * 7) % 256);
    await sharp(rgb, { raw: { width: 4, height: 3, channels: 3 } }).png().toFile(join(dir, 'a.png'));
    const notes: string[] = [];
    const image = await readImage(join(dir, 'a.png'), { onNote: (n) => notes.push(n) });
    expect([image.width, image.height]).toEqual([4, 3]);
    expect(Array.from(image.rgb)).toEqual(Array.from(rgb));
    expect(image.alpha).toBeUndefined();
    expect(notes).toEqual([]);
  });

  it('16-bit PNG: converted to 8-bit with a note', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'deep.png');
    await sharp(new Uint16Array(2 * 2 * 3).fill(40000), { raw: { width: 2, height: 2, channels: 3 } })
      .toColourspace('rgb16')
      .png()
      .toFile(path);
    const notes: string[] = [];
    const image = await readImage(path, { onNote: (n) => notes.push(n) });
    expect(image.rgb[0]).toBe(Math.round(40000 / 257));
    expect(notes).toEqual([`${path} is 16-bit: converted to 8-bit`]);
  });

  it('grayscale PNG: converted to RGB with a note', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'gray.png');
    await sharp(Buffer.from([10, 200, 30, 40]), { raw: { width: 2, height: 2, channels: 1 } })
      .toColourspace('b-w')
      .png()
      .toFile(path);
    const notes: string[] = [];
    const image = await readImage(path, { onNote: (n) => notes.push(n) });
    expect(Array.from(image.rgb.subarray(0, 6))).toEqual([10, 10, 10, 200, 200, 200]);
    expect(notes).toEqual([`${path} is grayscale: converted to RGB`]);
  });

  it('RGBA PNG: alpha kept apart from RGB', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'rgba.png');
    await sharp(Buffer.from([1, 2, 3, 0, 4, 5, 6, 255]), { raw: { width: 2, height: 1, channels: 4 } }).png().toFile(path);
    const image = await readImage(path);
    expect(Array.from(image.rgb)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(image.alpha!)).toEqual([0, 255]);
  });

  it('JPEG with EXIF orientation 6: rotated, width and height swapped', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'rotated.jpg');
    await sharp(Buffer.alloc(6 * 2 * 3, 128), { raw: { width: 6, height: 2, channels: 3 } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toFile(path);
    const image = await readImage(path);
    expect([image.width, image.height]).toEqual([2, 6]);
  });

  it('WebP: read', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'a.webp');
    await sharp(Buffer.alloc(3 * 3 * 3, 90), { raw: { width: 3, height: 3, channels: 3 } }).webp({ lossless: true }).toFile(path);
    const image = await readImage(path);
    expect(image.rgb[4]).toBe(90);
  });

  it('missing file: InvalidInputError naming the path', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'nothing.png');
    const error = await readImage(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe(`${path}: expected a readable image file but received no such file`);
  });

  it('not an image: InvalidInputError naming the path and what sharp said', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'text.png');
    await writeFile(path, 'not an image at all');
    const error = await readImage(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain('unsupported image format');
  });

  it('truncated PNG: InvalidInputError', async () => {
    const dir = await tempFolder();
    const whole = await sharp(Buffer.alloc(64 * 64 * 3, 7), { raw: { width: 64, height: 64, channels: 3 } }).png().toBuffer();
    const path = join(dir, 'cut.png');
    await writeFile(path, whole.subarray(0, whole.length - 30));
    await expect(readImage(path)).rejects.toBeInstanceOf(InvalidInputError);
  });
});
