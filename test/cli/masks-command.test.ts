import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interruptOncePngIn, runInpaint, startInpaint } from './built-cli.js';
import { readGray, useTempFolder } from './fixtures.js';

const tempFolder = useTempFolder();

async function holeRatios(folder: string): Promise<{ name: string; width: number; height: number; ratio: number }[]> {
  const names = (await readdir(folder)).sort();
  return Promise.all(
    names.map(async (name) => {
      const { width, height, data } = await readGray(join(folder, name));
      let holes = 0;
      for (const v of data) {
        expect(v === 0 || v === 255).toBe(true);
        holes += v ? 1 : 0;
      }
      return { name, width, height, ratio: holes / data.length };
    }),
  );
}

describe('inpaint masks', () => {
  it('--count 5 --ratio 0.2-0.3: five 64x64 masks, each 20-30% hole', async () => {
    const out = join(await tempFolder(), 'masks');
    const result = runInpaint(['masks', '--out', out, '--size', '64', '--count', '5', '--ratio', '0.2-0.3', '--seed', '3']);
    expect(result.status).toBe(0);
    const masks = await holeRatios(out);
    expect(masks.map((m) => m.name)).toEqual(['00.png', '01.png', '02.png', '03.png', '04.png']);
    for (const m of masks) {
      expect([m.width, m.height]).toEqual([64, 64]);
      expect(m.ratio).toBeGreaterThanOrEqual(0.2);
      expect(m.ratio).toBeLessThanOrEqual(0.3);
    }
  });

  it('--size 48x32 --kind box: rectangular masks of that size', async () => {
    const out = join(await tempFolder(), 'boxes');
    const result = runInpaint(['masks', '--out', out, '--size', '48x32', '--count', '2', '--ratio', '0.1-0.2', '--kind', 'box']);
    expect(result.status).toBe(0);
    for (const m of await holeRatios(out)) {
      expect([m.width, m.height]).toEqual([48, 32]);
      expect(m.ratio).toBeGreaterThanOrEqual(0.1);
      expect(m.ratio).toBeLessThanOrEqual(0.2);
    }
  });

  it('same seed, same masks', async () => {
    const dir = await tempFolder();
    for (const name of ['a', 'b']) runInpaint(['masks', '--out', join(dir, name), '--size', '32', '--count', '2', '--ratio', '0.3', '--seed', '9']);
    const [a, b] = await Promise.all([readGray(join(dir, 'a', '01.png')), readGray(join(dir, 'b', '01.png'))]);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
  });

  it('--help shows the --size default as 256, not as an object', () => {
    const result = runInpaint(['masks', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/--size <size>[\s\S]*\(default: 256\)/);
    expect(result.stdout).not.toContain('{"width"');
  });

  it('no --size: 256x256 masks', async () => {
    const out = join(await tempFolder(), 'default-size');
    const result = runInpaint(['masks', '--out', out, '--count', '1', '--ratio', '0.1-0.2']);
    expect(result.status).toBe(0);
    expect((await holeRatios(out)).map((m) => [m.width, m.height])).toEqual([[256, 256]]);
  });

  it.each([
    [['--ratio', '0.5-0.2'], '--ratio'],
    [['--ratio', '0.2-0.3', '--size', 'big'], '--size'],
    [['--ratio', '0.2-0.3', '--count', '0'], '--count'],
    [['--ratio', '0.2-0.3', '--kind', 'blob'], '--kind'],
  ])('bad value %j: exit 2 naming %s, no folder made', async (flags, named) => {
    const out = join(await tempFolder(), 'never');
    const result = runInpaint(['masks', '--out', out, '--count', '2', ...flags]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(named);
    await expect(readdir(out)).rejects.toThrow();
  });
});

describe('inpaint masks --video', () => {
  it('--count 2 --frames 4: a folder per clip, 00/00000.png ... 01/00003.png, every frame in the ratio range', async () => {
    const out = join(await tempFolder(), 'clips');
    const result = runInpaint(['masks', '--video', '--frames', '4', '--out', out, '--size', '48x32', '--count', '2', '--ratio', '0.1-0.2', '--seed', '4']);
    expect(result.status).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['00', '01']);
    for (const clip of ['00', '01']) {
      const masks = await holeRatios(join(out, clip));
      expect(masks.map((m) => m.name)).toEqual(['00000.png', '00001.png', '00002.png', '00003.png']);
      for (const m of masks) {
        expect([m.width, m.height]).toEqual([48, 32]);
        expect(m.ratio).toBeGreaterThanOrEqual(0.1);
        expect(m.ratio).toBeLessThanOrEqual(0.2);
      }
    }
  });

  it('--count 1: the frames straight in the folder; the same seed gives the same frames', async () => {
    const dir = await tempFolder();
    for (const name of ['a', 'b']) {
      const result = runInpaint(['masks', '--video', '--frames', '3', '--out', join(dir, name), '--size', '32', '--count', '1', '--ratio', '0.2-0.3', '--seed', '8']);
      expect(result.status).toBe(0);
    }
    expect((await readdir(join(dir, 'a'))).sort()).toEqual(['00000.png', '00001.png', '00002.png']);
    const [a, b] = await Promise.all([readGray(join(dir, 'a', '00002.png')), readGray(join(dir, 'b', '00002.png'))]);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
  });

  it.each([
    [['--video'], '--frames'],
    [['--frames', '3'], '--frames'],
    [['--video', '--frames', '0'], '--frames'],
    [['--video', '--frames', '3', '--kind', 'box'], '--kind'],
    [['--video', '--frames', '3', '--ratio', '0.9-0.2'], '--ratio'],
  ])('bad flags %j: exit 2 naming %s, no folder made', async (flags, named) => {
    const out = join(await tempFolder(), 'never');
    const result = runInpaint(['masks', '--out', out, '--count', '1', '--ratio', '0.1-0.2', ...flags]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(named);
    await expect(readdir(out)).rejects.toThrow();
  });

  it('SIGINT mid-clip: exit 130, no frame of the interrupted clip left', async () => {
    const out = join(await tempFolder(), 'clip');
    const child = startInpaint(['masks', '--video', '--frames', '200', '--out', out, '--size', '1600', '--count', '1', '--ratio', '0.2-0.3']);
    // Interrupted once the first frame is on disk.
    const { status, stderr } = await interruptOncePngIn(child, out);
    expect(status).toBe(130);
    expect(stderr).toContain('inpaint: the work was cancelled');
    expect((await readdir(out)).filter((n) => n.endsWith('.png'))).toEqual([]);
  });

  it('a clip folder holding other PNGs (an earlier, longer clip) is refused before anything is written', async () => {
    const out = join(await tempFolder(), 'clip');
    const args = ['masks', '--video', '--out', out, '--size', '32', '--count', '1', '--ratio', '0.1-0.2'];
    expect(runInpaint([...args, '--frames', '5']).status).toBe(0);
    const before = await readGray(join(out, '00000.png'));
    const result = runInpaint([...args, '--frames', '3', '--seed', '1']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('00003.png');
    expect(Buffer.from((await readGray(join(out, '00000.png'))).data).equals(Buffer.from(before.data))).toBe(true);
  });
});

describe('inpaint masks --out that is no folder', () => {
  it('an --out that is a file: exit 2 naming it, still and video', async () => {
    const dir = await tempFolder();
    const file = join(dir, 'masks.png');
    await writeFile(file, 'keep me');
    for (const extra of [[], ['--video', '--frames', '2']]) {
      const result = runInpaint(['masks', '--out', file, '--count', '1', '--ratio', '0.1', '--size', '32', ...extra]);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`inpaint: ${file}: expected a folder for --out (made if missing) but received a file\n`);
    }
  });
});
