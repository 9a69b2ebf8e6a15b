import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalBuckets } from '../../src/eval/pairs.js';
import { runInpaint } from './built-cli.js';
import { useTempFolder, writeBoxMask, writePhoto } from './fixtures.js';

const tempFolder = useTempFolder();

/** A benchmark folder in the real layout with one 32x32 image and a small box mask per bucket. */
async function tinyBenchmark(dir: string): Promise<string> {
  const data = join(dir, 'data');
  await mkdir(join(data, 'images'), { recursive: true });
  await writePhoto(join(data, 'images', 'tiny.png'), 32, 32);
  for (const [i, bucket] of evalBuckets.entries()) {
    await mkdir(join(data, 'masks', bucket), { recursive: true });
    await writeBoxMask(join(data, 'masks', bucket, '00.png'), 32, 32, { x0: 8, y0: 8, x1: 14 + i, y1: 16 });
  }
  return data;
}

describe('inpaint eval', () => {
  it('telea on a one-image benchmark: a row per bucket and "all" with n=6; --out writes each output', async () => {
    const dir = await tempFolder();
    const data = await tinyBenchmark(dir);
    const out = join(dir, 'outputs');
    const result = runInpaint(['eval', '--data', data, '--method', 'telea', '--out', out]);
    expect(result.status).toBe(0);
    const rows = result.stdout.trim().split('\n');
    expect(rows).toHaveLength(evalBuckets.length + 1);
    expect(rows.at(-1)).toMatch(/^\s*all: PSNR .* n=6$/);
    expect(await readdir(out)).toHaveLength(6);
  });

  it('--json: the report object', async () => {
    const dir = await tempFolder();
    const data = await tinyBenchmark(dir);
    const result = runInpaint(['eval', '--data', data, '--method', 'telea', '--set', 'radius=2', '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { method: string; overall: { count: number; psnr: number }; pairs: unknown[] };
    expect(report.method).toBe('telea');
    expect(report.overall.count).toBe(6);
    expect(report.pairs).toHaveLength(6);
    expect(report.overall.psnr).toBeGreaterThan(10);
  });

  it('a folder that is not a benchmark: exit 2', async () => {
    const dir = await tempFolder();
    const result = runInpaint(['eval', '--data', dir, '--method', 'telea']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^inpaint: /);
  });
});
