import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runInpaint, startInpaint } from './built-cli.js';
import { readRgb, useTempFolder, writeBoxMask, writePhoto } from './fixtures.js';

const tempFolder = useTempFolder();
const box = { x0: 12, y0: 10, x1: 24, y1: 20 };

/** Digest of every file in the folders, to prove that a run changed none of them. */
async function fingerprint(...folders: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const folder of folders) {
    for (const name of (await readdir(folder)).sort()) hash.update(name).update(await readFile(join(folder, name)));
  }
  return hash.digest('hex');
}

async function batchFolders(dir: string, names: readonly string[]) {
  const images = join(dir, 'images');
  const masks = join(dir, 'masks');
  await mkdir(images);
  await mkdir(masks);
  for (const [i, name] of names.entries()) {
    await writePhoto(join(images, `${name}.png`), 40, 32, i);
    await writeBoxMask(join(masks, `${name}.png`), 40, 32, box);
  }
  return { images, masks, output: join(dir, 'out') };
}

describe('inpaint run', () => {
  it('folder with one corrupt image: the others done, the failure listed, exit 1, inputs unchanged', async () => {
    const dir = await tempFolder();
    const { images, masks, output } = await batchFolders(dir, ['a', 'b', 'c']);
    await writeFile(join(images, 'broken.jpg'), 'not a jpeg');
    await writeBoxMask(join(masks, 'broken.png'), 40, 32, box);
    const before = await fingerprint(images, masks);

    const result = runInpaint(['run', '--image', images, '--mask', masks, '--output', output, '--method', 'telea']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`failed:\n  ${join(images, 'broken.jpg')}: `);
    expect(result.stderr.trim().split('\n').at(-1)).toBe('inpaint: 1 of 4 images failed');
    expect((await readdir(output)).sort()).toEqual(['a.png', 'b.png', 'c.png']);
    expect(await fingerprint(images, masks)).toBe(before);
    expect((await readRgb(join(output, 'b.png'))).width).toBe(40);
  });

  it('masks matched by stem across extensions (a.jpg takes a.png); one line per image', async () => {
    const dir = await tempFolder();
    const { masks, output } = await batchFolders(dir, ['a']);
    const images = join(dir, 'jpgs');
    await mkdir(images);
    await sharp(join(dir, 'images', 'a.png')).jpeg().toFile(join(images, 'a.jpg'));
    const result = runInpaint(['run', '--image', images, '--mask', masks, '--output', output, '--method', 'telea', '--format', 'webp']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`[1/1] a.jpg -> ${join(output, 'a.webp')}\n`);
    expect((await sharp(join(output, 'a.webp')).metadata()).format).toBe('webp');
  });

  it('one mask file for every image', async () => {
    const dir = await tempFolder();
    const { images, masks, output } = await batchFolders(dir, ['a', 'b']);
    const result = runInpaint(['run', '--image', images, '--mask', join(masks, 'a.png'), '--output', output, '--method', 'telea']);
    expect(result.status).toBe(0);
    expect((await readdir(output)).sort()).toEqual(['a.png', 'b.png']);
  });

  it('--mask-from-alpha without --mask: each image filled where it is transparent, written opaque', async () => {
    const dir = await tempFolder();
    const images = join(dir, 'cutouts');
    await mkdir(images);
    const rgba = new Uint8Array(24 * 24 * 4).fill(200);
    for (let y = 8; y < 16; y++) for (let x = 8; x < 16; x++) rgba[(y * 24 + x) * 4 + 3] = 0;
    await sharp(rgba, { raw: { width: 24, height: 24, channels: 4 } }).png().toFile(join(images, 'a.png'));
    const output = join(dir, 'out');
    const result = runInpaint(['run', '--image', images, '--mask-from-alpha', '--output', output, '--method', 'telea']);
    expect(result.status).toBe(0);
    expect((await sharp(join(output, 'a.png')).metadata()).hasAlpha).toBe(false);
    expect((await readRgb(join(output, 'a.png'))).rgb[(12 * 24 + 12) * 3]).toBe(200);
  });

  it('an image without a mask is a failure; the others are done', async () => {
    const dir = await tempFolder();
    const { images, masks, output } = await batchFolders(dir, ['a', 'b']);
    await writePhoto(join(images, 'lonely.png'), 40, 32);
    const result = runInpaint(['run', '--image', images, '--mask', masks, '--output', output, '--method', 'telea']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('lonely.png: no mask named lonely.*');
    expect((await readdir(output)).sort()).toEqual(['a.png', 'b.png']);
  });

  it('output folder equal to the image or mask folder: exit 2, nothing written', async () => {
    const dir = await tempFolder();
    const { images, masks } = await batchFolders(dir, ['a']);
    const before = await fingerprint(images, masks);
    for (const output of [images, masks, join(images, '.')]) {
      const result = runInpaint(['run', '--image', images, '--mask', masks, '--output', output, '--method', 'telea']);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('--output');
    }
    expect(await fingerprint(images, masks)).toBe(before);
  });

  it.each([
    [['--format', 'bmp'], '--format'],
    [['--dilate', '-2'], '--dilate'],
    [['--method', 'nope'], 'method'],
  ])('bad flag %j: exit 2 naming %s, no output folder made', async (flags, named) => {
    const dir = await tempFolder();
    const { images, masks, output } = await batchFolders(dir, ['a']);
    const result = runInpaint(['run', '--image', images, '--mask', masks, '--output', output, ...flags]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(named);
    await expect(readdir(output)).rejects.toThrow();
  });

  it('bad --set value: exit 2 before any image is read', async () => {
    const dir = await tempFolder();
    const { images, masks, output } = await batchFolders(dir, ['a']);
    const result = runInpaint(['run', '--image', images, '--mask', masks, '--output', output, '--method', 'telea', '--set', 'radius=-3']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('radius');
    expect(result.stderr).not.toContain('[1/1]');
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('%s mid-batch: exit 130, every written file complete, no temporary file', async (signal) => {
    const dir = await tempFolder();
    const names = Array.from({ length: 48 }, (_, i) => `img${String(i).padStart(2, '0')}`);
    const images = join(dir, 'images');
    const masks = join(dir, 'masks');
    await mkdir(images);
    await mkdir(masks);
    for (const [i, name] of names.entries()) {
      await writePhoto(join(images, `${name}.png`), 160, 160, i);
      await writeBoxMask(join(masks, `${name}.png`), 160, 160, { x0: 30, y0: 30, x1: 130, y1: 130 });
    }
    const output = join(dir, 'out');
    const child = startInpaint(['run', '--image', images, '--mask', masks, '--output', output, '--method', 'telea']);
    let stderr = '';
    const status = await new Promise<number | null>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes(' -> ') && !child.killed) child.kill(signal);
      });
      child.on('error', reject);
      child.on('close', resolve);
    });
    expect(status).toBe(130);
    expect(stderr).toContain('inpaint: the work was cancelled');
    const written = await readdir(output);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(names.length);
    expect(written.filter((name) => !name.endsWith('.png'))).toEqual([]);
    for (const name of written) expect((await readRgb(join(output, name))).width).toBe(160);
  });
});

describe('inpaint run --output that is no folder', () => {
  it('an --output that is a file: exit 2 naming it, the file untouched', async () => {
    const dir = await tempFolder();
    const { images, masks } = await batchFolders(dir, ['a']);
    const file = join(dir, 'results.png');
    await writeFile(file, 'keep me');
    const result = runInpaint(['run', '--image', images, '--mask', masks, '--output', file, '--method', 'telea']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`inpaint: ${file}: expected a folder for --output (made if missing) but received a file\n`);
    expect(await readFile(file, 'utf8')).toBe('keep me');
  });
});
