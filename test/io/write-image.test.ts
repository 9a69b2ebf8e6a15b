import { spawnSync } from 'node:child_process';
import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidOptionError, OverwriteInputError } from '../../src/core/errors.js';
import type { Image } from '../../src/core/image.js';
import { readImage } from '../../src/io/read-image.js';
import { writeImage } from '../../src/io/write-image.js';
import { useTempFolder } from './temp-folder.js';

const tempFolder = useTempFolder();

function gradient(width: number, height: number, withAlpha = false): Image {
  const rgb = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 11) % 256);
  const alpha = withAlpha ? Uint8Array.from({ length: width * height }, (_, i) => (i * 37) % 256) : undefined;
  return alpha ? { width, height, rgb, alpha } : { width, height, rgb };
}

describe('writeImage', () => {
  it('an output that is a symbolic link: the file it points to is written, the link stays', async () => {
    const dir = await tempFolder();
    await mkdir(join(dir, 'results'));
    const target = join(dir, 'results', 'latest.png');
    await writeFile(target, 'old');
    const link = join(dir, 'latest.png');
    await symlink(join('results', 'latest.png'), link);
    await writeImage(link, gradient(3, 2));
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(Array.from((await readImage(target)).rgb)).toEqual(Array.from(gradient(3, 2).rgb));
    expect((await readdir(join(dir, 'results'))).sort()).toEqual(['latest.png']);
  });

  it('temporary files left by a killed process (no longer running) are swept; those of a running one are kept', async () => {
    const dir = await tempFolder();
    const dead = spawnSync('true').pid;
    const abandoned = `.out.png.${dead}-0badc0de.tmp`;
    const abandonedFolder = `.frames.${dead}-0badcafe.tmp`;
    const running = `.other.png.${process.ppid}-12345678.tmp`;
    await writeFile(join(dir, abandoned), 'partial');
    await mkdir(join(dir, abandonedFolder));
    await writeFile(join(dir, running), 'in progress');
    await writeImage(join(dir, 'out.png'), gradient(3, 2));
    expect((await readdir(dir)).sort()).toEqual([running, 'out.png'].sort());
  });

  it('an image whose rgb is not a Uint8Array of width x height x 3: InvalidInputError naming image.rgb, nothing written', async () => {
    const dir = await tempFolder();
    const floats = { width: 2, height: 2, rgb: new Float32Array(12) } as unknown as Image;
    await expect(writeImage(join(dir, 'a.png'), floats)).rejects.toMatchObject({ input: 'image.rgb', received: 'a Float32Array' });
    await expect(writeImage(join(dir, 'a.png'), { width: 2, height: 2, rgb: new Uint8Array(11) })).rejects.toBeInstanceOf(InvalidInputError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('PNG round trip is exact', async () => {
    const dir = await tempFolder();
    const image = gradient(5, 4);
    await writeImage(join(dir, 'out.png'), image);
    const back = await readImage(join(dir, 'out.png'));
    expect(Array.from(back.rgb)).toEqual(Array.from(image.rgb));
    expect(back.alpha).toBeUndefined();
  });

  it('PNG and WebP keep alpha; JPEG drops it', async () => {
    const dir = await tempFolder();
    const image = gradient(6, 6, true);
    await writeImage(join(dir, 'a.png'), image);
    await writeImage(join(dir, 'a.webp'), image);
    await writeImage(join(dir, 'a.jpg'), image);
    expect(Array.from((await readImage(join(dir, 'a.png'))).alpha!)).toEqual(Array.from(image.alpha!));
    expect((await readImage(join(dir, 'a.webp'))).alpha).toBeDefined();
    expect((await sharp(join(dir, 'a.jpg')).metadata()).hasAlpha).toBe(false);
  });

  it('.jpeg, .JPG and .webp: format follows the extension', async () => {
    const dir = await tempFolder();
    const image = gradient(8, 8);
    for (const [name, format] of [['a.jpeg', 'jpeg'], ['b.JPG', 'jpeg'], ['c.webp', 'webp']] as const) {
      await writeImage(join(dir, name), image);
      expect((await sharp(join(dir, name)).metadata()).format).toBe(format);
    }
  });

  it('.bmp: InvalidOptionError naming the path and the accepted extensions', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'out.bmp');
    const error = await writeImage(path, gradient(2, 2)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toBe(
      `Expected a file name ending in .png, .jpg, .jpeg, .webp for output ${path} but received ".bmp"`,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('folder that does not exist: InvalidInputError', async () => {
    const dir = await tempFolder();
    await expect(writeImage(join(dir, 'missing', 'out.png'), gradient(2, 2))).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('failure at rename: no temporary file left behind', async () => {
    const dir = await tempFolder();
    await mkdir(join(dir, 'taken.png'));
    await expect(writeImage(join(dir, 'taken.png'), gradient(4, 4))).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['taken.png']);
  });

  it('overwrites an existing output that is not an input', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'out.png');
    await writeFile(path, 'old');
    await writeImage(path, gradient(3, 3), { inputs: [join(dir, 'in.png')] });
    expect((await readImage(path)).width).toBe(3);
  });

  it('output equal to an input (relative path or symbolic link): OverwriteInputError, input untouched', async () => {
    const dir = await tempFolder();
    const input = join(dir, 'in.png');
    await writeImage(input, gradient(3, 3));
    const before = await readFile(input);
    await symlink(input, join(dir, 'link.png'));
    const relative = join(dir, 'sub', '..', 'in.png');
    await mkdir(join(dir, 'sub'));
    await expect(writeImage(relative, gradient(2, 2), { inputs: [input] })).rejects.toBeInstanceOf(OverwriteInputError);
    await expect(writeImage(join(dir, 'link.png'), gradient(2, 2), { inputs: [input] })).rejects.toBeInstanceOf(
      OverwriteInputError,
    );
    expect((await readFile(input)).equals(before)).toBe(true);
  });
});
