import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, readlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { headerOnlyPng } from '../io/header-only-png.js';
import { runInpaint, startInpaint } from './built-cli.js';
import { readGray, readRgb, useTempFolder, writeBoxMask, writePhoto } from './fixtures.js';

const tempFolder = useTempFolder();
const box = { x0: 20, y0: 16, x1: 36, y1: 28 };

async function photoAndMask(dir: string) {
  const input = join(dir, 'in.png');
  const mask = join(dir, 'mask.png');
  await writePhoto(input, 64, 48);
  await writeBoxMask(mask, 64, 48, box);
  return { input, mask };
}

describe('inpaint image', () => {
  it('telea: writes the output; known pixels equal the input, the hole is filled', async () => {
    const dir = await tempFolder();
    const { input, mask } = await photoAndMask(dir);
    const output = join(dir, 'out.png');
    const result = runInpaint(['image', input, '--mask', mask, '-o', output, '--method', 'telea']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);

    const before = await readRgb(input);
    const after = await readRgb(output);
    const hole = (await readGray(mask)).data;
    let knownDiffers = 0;
    let holeFromGrey = 0;
    for (let i = 0; i < hole.length; i++) {
      for (let c = 0; c < 3; c++) {
        if (!hole[i] && after.rgb[i * 3 + c] !== before.rgb[i * 3 + c]) knownDiffers++;
      }
      if (hole[i]) holeFromGrey += Math.abs(after.rgb[i * 3 + 2] - before.rgb[i * 3 + 2]);
    }
    expect(knownDiffers).toBe(0);
    // The blue channel is a gentle ramp: a fill from the edges lands near it.
    expect(holeFromGrey / (16 * 12)).toBeLessThan(20);
    expect((await readdir(dir)).sort()).toEqual(['in.png', 'mask.png', 'out.png']);
  });

  it('--mask-from-alpha without --mask: the transparent part is filled, the output is opaque', async () => {
    const dir = await tempFolder();
    const input = join(dir, 'cutout.png');
    const rgba = new Uint8Array(32 * 32 * 4).fill(180);
    for (let y = 10; y < 20; y++) for (let x = 10; x < 20; x++) rgba[(y * 32 + x) * 4 + 3] = 0;
    await sharp(rgba, { raw: { width: 32, height: 32, channels: 4 } }).png().toFile(input);
    const output = join(dir, 'out.png');
    const result = runInpaint(['image', input, '--mask-from-alpha', '-o', output, '--method', 'telea']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('the output is written opaque');
    expect((await sharp(output).metadata()).hasAlpha).toBe(false);
  });

  it('missing input file: exit 2, one line naming the file', async () => {
    const dir = await tempFolder();
    const { mask } = await photoAndMask(dir);
    const missing = join(dir, 'nope.png');
    const result = runInpaint(['image', missing, '--mask', mask, '-o', join(dir, 'out.png'), '--method', 'telea']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`inpaint: ${missing}: expected a readable image file but received no such file\n`);
  });

  it('unknown method: exit 2 listing the known ones', async () => {
    const dir = await tempFolder();
    const { input, mask } = await photoAndMask(dir);
    const result = runInpaint(['image', input, '--mask', mask, '-o', join(dir, 'out.png'), '--method', 'magic']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^inpaint: .*telea.*"magic"/);
  });

  it('bad --set value: exit 2, the message names the option', async () => {
    const dir = await tempFolder();
    const { input, mask } = await photoAndMask(dir);
    const result = runInpaint(['image', input, '--mask', mask, '-o', join(dir, 'out.png'), '--method', 'telea', '--set', 'radius=0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('radius');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--set without "=": exit 2', async () => {
    const dir = await tempFolder();
    const { input, mask } = await photoAndMask(dir);
    const result = runInpaint(['image', input, '--mask', mask, '-o', join(dir, 'out.png'), '--set', 'radius']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--set');
  });

  it('mask of another size: exit 2 suggesting --resize-mask; with it: exit 0', async () => {
    const dir = await tempFolder();
    const input = join(dir, 'in.png');
    const mask = join(dir, 'small.png');
    await writePhoto(input, 64, 48);
    await writeBoxMask(mask, 32, 24, { x0: 10, y0: 8, x1: 18, y1: 14 });
    const output = join(dir, 'out.png');
    const refused = runInpaint(['image', input, '--mask', mask, '-o', output, '--method', 'telea']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--resize-mask');
    expect((await readdir(dir)).sort()).toEqual(['in.png', 'small.png']);

    const resized = runInpaint(['image', input, '--mask', mask, '-o', output, '--method', 'telea', '--resize-mask']);
    expect(resized.status).toBe(0);
    expect(resized.stderr).toContain('resized to 64x48');
    expect((await readRgb(output)).width).toBe(64);
  });

  it('output over the input or the mask: exit 2, both untouched', async () => {
    const dir = await tempFolder();
    const { input, mask } = await photoAndMask(dir);
    const [inputBytes, maskBytes] = await Promise.all([readFile(input), readFile(mask)]);
    for (const target of [input, mask]) {
      const result = runInpaint(['image', input, '--mask', mask, '-o', target, '--method', 'telea']);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('refusing to write an output over an input');
    }
    expect((await readFile(input)).equals(inputBytes)).toBe(true);
    expect((await readFile(mask)).equals(maskBytes)).toBe(true);
  });

  it('output with an unknown extension: exit 2 before any work', async () => {
    const dir = await tempFolder();
    const { input, mask } = await photoAndMask(dir);
    const result = runInpaint(['image', input, '--mask', mask, '-o', join(dir, 'out.gif'), '--method', 'telea']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('.png, .jpg, .jpeg, .webp');
  });

  it('neither --mask nor --mask-from-alpha: exit 2', async () => {
    const dir = await tempFolder();
    const { input } = await photoAndMask(dir);
    const result = runInpaint(['image', input, '-o', join(dir, 'out.png')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--mask');
  });

  it('corrupt input: exit 2, no output file', async () => {
    const dir = await tempFolder();
    const { mask } = await photoAndMask(dir);
    const corrupt = join(dir, 'corrupt.png');
    await writeFile(corrupt, 'garbage');
    const result = runInpaint(['image', corrupt, '--mask', mask, '-o', join(dir, 'out.png'), '--method', 'telea']);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toContain('    at ');
    expect(await readdir(dir)).not.toContain('out.png');
  });

  it('INPAINT_DEBUG=1: the stack follows the message', async () => {
    const dir = await tempFolder();
    const result = runInpaint(['image', join(dir, 'nope.png'), '--mask', 'm.png', '-o', join(dir, 'o.png')], { INPAINT_DEBUG: '1' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('    at ');
  });
});

describe('inpaint image on hostile inputs', () => {
  it('/dev/zero, an empty file, a 2 GiB file, an image header of 17000x17000: exit 2 at once, naming the file', async () => {
    const dir = await tempFolder();
    const { mask } = await photoAndMask(dir);
    const empty = join(dir, 'empty.png');
    await writeFile(empty, '');
    const huge = join(dir, 'huge.png');
    await writeFile(huge, '');
    await truncate(huge, 2 * 1024 ** 3);
    const bomb = join(dir, 'bomb.png');
    await writeFile(bomb, headerOnlyPng(17000, 17000));
    const cases: [string, string][] = [
      ['/dev/zero', 'a device or socket, not a file'],
      [empty, 'an empty file (0 bytes)'],
      [huge, `a file of ${2 * 1024 ** 3} bytes, more than the ${1024 ** 3} read at most`],
      // Over sharp's own limit (268 megapixels): refused from the header like any other large image.
      [bomb, 'expected at most 268402689 pixels but received 17000x17000 = 289000000'],
    ];
    for (const [input, received] of cases) {
      const result = runInpaint(['image', input, '--mask', mask, '-o', join(dir, 'out.png'), '--method', 'telea']);
      expect(result.status, input).toBe(2);
      expect(result.stderr).toBe(`inpaint: ${input}: ${received.startsWith('expected') ? '' : 'expected a readable image file but received '}${received}\n`);
    }
  });

  it('a FIFO nobody writes to: the first SIGINT stops the command (exit 130)', async () => {
    const dir = await tempFolder();
    const { mask } = await photoAndMask(dir);
    const pipe = join(dir, 'pipe.png');
    execFileSync('mkfifo', [pipe]);
    const child = startInpaint(['image', pipe, '--mask', mask, '-o', join(dir, 'out.png'), '--method', 'telea']);
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Once the command has the FIFO open (or is blocked opening it), it is waiting on it.
    await until(async () => (await waitsOn(child.pid!, pipe)) || child.exitCode !== null);
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const status = await closed.finally(() => clearTimeout(timer));
    expect(status).toBe(130);
    expect(stderr).toBe('inpaint: the work was cancelled\n');
  });
});

/** Whether process `pid` has `path` open, or a thread of it blocked opening a FIFO (Linux /proc). */
async function waitsOn(pid: number, path: string): Promise<boolean> {
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  for (const fd of fds) if ((await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')) === path) return true;
  for (const task of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
    if ((await readFile(`/proc/${pid}/task/${task}/wchan`, 'utf8').catch(() => '')) === 'wait_for_partner') return true;
  }
  return false;
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('inpaint image into a folder that refuses new files', () => {
  it('an immutable output folder: exit 2 naming the output (not a temporary file)', async () => {
    const dir = await tempFolder();
    const { input, mask } = await photoAndMask(dir);
    const locked = join(dir, 'locked');
    await mkdir(locked);
    // Immutable: refused even to root, whom permission bits do not stop.
    execFileSync('chattr', ['+i', locked]);
    try {
      const output = join(locked, 'out.png');
      const result = runInpaint(['image', input, '--mask', mask, '-o', output, '--method', 'telea']);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`inpaint: ${output}: expected an output folder that can be written to but received a folder that refuses new files (permission denied)\n`);
    } finally {
      execFileSync('chattr', ['-i', locked]);
    }
    expect(await readdir(locked)).toEqual([]);
  });
});

describe('inpaint image: transparency into a JPEG', () => {
  it('a warning, and the transparent part laid over white, or the --background colour, not the colour it hides', async () => {
    const dir = await tempFolder();
    const input = join(dir, 'cutout.png');
    // Red under full transparency in the left half: what a JPEG without flattening would show.
    const rgba = new Uint8Array(32 * 24 * 4);
    for (let i = 0; i < 32 * 24; i++) {
      const transparent = i % 32 < 16;
      rgba.set(transparent ? [255, 0, 0, 0] : [40, 120, 200, 255], i * 4);
    }
    await sharp(rgba, { raw: { width: 32, height: 24, channels: 4 } }).png().toFile(input);
    const mask = join(dir, 'mask.png');
    await writeBoxMask(mask, 32, 24, { x0: 20, y0: 8, x1: 26, y1: 14 });
    for (const [flags, expected] of [[[], [255, 255, 255]], [['--background', 'black'], [0, 0, 0]], [['--background', '#00ff00'], [0, 255, 0]]] as const) {
      const output = join(dir, `out-${expected.join('-')}.jpg`);
      const result = runInpaint(['image', input, '--mask', mask, '-o', output, '--method', 'telea', ...flags]);
      expect(result.status).toBe(0);
      expect(result.stderr).toContain(`warning: ${output}: JPEG has no transparency: transparent pixels are laid over`);
      const { rgb } = await readRgb(output);
      // Pixel (4, 12), in the transparent half; JPEG moves it a few levels.
      const at = (12 * 32 + 4) * 3;
      for (let c = 0; c < 3; c++) expect(Math.abs(rgb[at + c] - expected[c])).toBeLessThan(8);
    }
  });
});
