import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { evalBuckets, listEvalPairs } from '../../src/eval/pairs.js';
import { makeTinyDataDir } from './tiny-data.js';

describe('listEvalPairs', () => {
  let dataDir: string;
  beforeAll(async () => {
    ({ dataDir } = await makeTinyDataDir());
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('2 images x 6 buckets: 12 pairs, images sorted by name, buckets in protocol order', async () => {
    const pairs = await listEvalPairs(dataDir);
    expect(pairs.map((p) => p.key)).toEqual([
      ...evalBuckets.map((b) => `a__${b}`),
      ...evalBuckets.map((b) => `b__${b}`),
    ]);
  });

  it('image i takes masks/B/(i mod 8), and every image takes masks/center/00', async () => {
    const pairs = await listEvalPairs(dataDir);
    const maskOf = (key: string) => pairs.find((p) => p.key === key)!.maskPath;
    expect(maskOf('a__10-20')).toBe(join(dataDir, 'masks', '10-20', '00.png'));
    expect(maskOf('b__50-60')).toBe(join(dataDir, 'masks', '50-60', '01.png'));
    expect(maskOf('b__center')).toBe(join(dataDir, 'masks', 'center', '00.png'));
    expect(pairs.find((p) => p.key === 'b__center')!.imagePath).toBe(join(dataDir, 'images', 'b.png'));
  });

  it('names sort without their extension, as the scorer does ("a" before "a-b")', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inpaint-eval-'));
    try {
      await mkdir(join(dir, 'images'));
      for (const name of ['a-b.png', 'a.png', '.hidden.png', 'notes.txt']) await writeFile(join(dir, 'images', name), '');
      for (const bucket of evalBuckets) {
        await mkdir(join(dir, 'masks', bucket), { recursive: true });
        for (const k of ['00', '01']) await writeFile(join(dir, 'masks', bucket, `${k}.png`), '');
      }
      const names = [...new Set((await listEvalPairs(dir)).map((p) => p.name))];
      expect(names).toEqual(['a', 'a-b']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a data folder that does not exist throws InvalidInputError', async () => {
    await expect(listEvalPairs(join(dataDir, 'nope'))).rejects.toThrow(InvalidInputError);
  });

  it('a folder without images/ throws InvalidInputError naming the layout', async () => {
    await expect(listEvalPairs(join(dataDir, 'masks'))).rejects.toThrow(/images\/NAME\.png/);
  });

  it('an images/ folder without PNGs throws InvalidInputError', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inpaint-eval-'));
    try {
      await mkdir(join(dir, 'images'));
      await expect(listEvalPairs(dir)).rejects.toThrow(InvalidInputError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a missing mask throws InvalidInputError naming its path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inpaint-eval-'));
    try {
      await mkdir(join(dir, 'images'));
      await writeFile(join(dir, 'images', 'x.png'), '');
      for (const bucket of evalBuckets.filter((b) => b !== '30-40')) {
        await mkdir(join(dir, 'masks', bucket), { recursive: true });
        await writeFile(join(dir, 'masks', bucket, '00.png'), '');
      }
      const error = await listEvalPairs(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toContain(join(dir, 'masks', '30-40', '00.png'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
