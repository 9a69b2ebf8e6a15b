import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createImage, type Image } from '../../src/core/image.js';
import { evalBuckets } from '../../src/eval/pairs.js';

export const SIZE = 32;

/** A textured 32x32 image, different for each seed. */
export function tinyImage(seed: number): Image {
  const rgb = new Uint8Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const i = (y * SIZE + x) * 3;
      rgb[i] = (x * 8 + seed * 40) & 255;
      rgb[i + 1] = (y * 7 + ((x * y + seed) % 13) * 9) & 255;
      rgb[i + 2] = ((x ^ y) * 8 + seed * 90) & 255;
    }
  }
  return createImage(SIZE, SIZE, rgb);
}

/** Grey mask bytes (255 = hole) with a square hole whose side depends on `index`. */
export function tinyMaskBytes(index: number, size = SIZE): Uint8Array {
  const bytes = new Uint8Array(size * size);
  const side = 6 + 2 * index;
  for (let y = 4; y < 4 + side; y++) bytes.fill(255, y * size + 5, y * size + 5 + side);
  return bytes;
}

export async function writeRgbPng(path: string, image: Image): Promise<void> {
  await sharp(image.rgb, { raw: { width: image.width, height: image.height, channels: 3 } }).png().toFile(path);
}

export async function writeGreyPng(path: string, bytes: Uint8Array, size = SIZE): Promise<void> {
  await sharp(bytes, { raw: { width: size, height: size, channels: 1 } }).png().toFile(path);
}

/**
 * A benchmark folder in the protocol's layout: images b.png and a.png (listed sorted: a, b) and
 * masks 00 and 01 in each ratio bucket plus center/00. Returns the folder and the truths by name.
 */
export async function makeTinyDataDir(): Promise<{ dataDir: string; truths: Map<string, Image> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'inpaint-eval-'));
  await mkdir(join(dataDir, 'images'));
  const truths = new Map([
    ['b', tinyImage(2)],
    ['a', tinyImage(1)],
  ]);
  for (const [name, image] of truths) await writeRgbPng(join(dataDir, 'images', `${name}.png`), image);
  for (const bucket of evalBuckets) {
    await mkdir(join(dataDir, 'masks', bucket), { recursive: true });
    const count = bucket === 'center' ? 1 : 2;
    for (let k = 0; k < count; k++) {
      await writeGreyPng(join(dataDir, 'masks', bucket, `0${k}.png`), tinyMaskBytes(k + evalBuckets.indexOf(bucket)));
    }
  }
  return { dataDir, truths };
}
