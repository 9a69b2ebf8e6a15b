/**
 * `--set samples=N` (noise=sample, the default): N different completions of one hole, each with
 * the input's known pixels; the seed makes them reproducible, another seed changes them; a folder
 * as the output takes INPUT-1.png, ...
 */
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { readGray, readRgb, runInpaintHere, useTempFolder } from '../../cli/fixtures.js';
import { describeWithEngine } from '../../torch/engine.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models');
const image = join(fixtures, 'deepfill', 'test_py', 'coffee.png');
const mask = join(fixtures, 'deepfill', 'test_py', 'coffee_mask.png');
const weights = join(fixtures, 'pluralistic', 'weights');
const tempFolder = useTempFolder();

async function inpaint(output: string, ...set: string[]): Promise<void> {
  const result = await runInpaintHere(['image', image, '--mask', mask, '-o', output, '--method', 'pluralistic', '--weights', weights, ...set.flatMap((s) => ['--set', s])]);
  expect(result.err).toBe('');
  expect(result.status).toBe(0);
}

/** Mean absolute difference inside the hole, and how many known channel values differ. */
async function difference(a: string, b: string): Promise<{ hole: number; known: number }> {
  const [x, y, hole] = await Promise.all([readRgb(a), readRgb(b), readGray(mask)]);
  let sum = 0, count = 0, known = 0;
  for (let i = 0; i < hole.data.length; i++) {
    for (let c = 0; c < 3; c++) {
      const d = Math.abs(x.rgb[i * 3 + c] - y.rgb[i * 3 + c]);
      if (hole.data[i] > 127) {
        sum += d;
        count++;
      } else if (d !== 0) {
        known++;
      }
    }
  }
  return { hole: sum / count, known };
}

describeWithEngine('pluralistic --set samples=N', () => {
  it('three different completions, the first the single fill\'s (same seed, same bytes), another seed another', async () => {
    const dir = await tempFolder();
    await inpaint(join(dir, 'out.png'), 'samples=3');
    await inpaint(join(dir, 'single.png'));
    await inpaint(join(dir, 'seeded.png'), 'seed=7');
    expect((await readdir(dir)).sort()).toEqual(['out-1.png', 'out-2.png', 'out-3.png', 'seeded.png', 'single.png']);
    for (const [a, b] of [['out-1', 'out-2'], ['out-1', 'out-3'], ['out-2', 'out-3'], ['out-1', 'seeded']]) {
      const { hole, known } = await difference(join(dir, `${a}.png`), join(dir, `${b}.png`));
      expect(known).toBe(0);
      expect(hole, `${a} against ${b}`).toBeGreaterThan(5);
    }
    expect(await difference(join(dir, 'out-1.png'), join(dir, 'single.png'))).toEqual({ hole: 0, known: 0 });
  });

  it('a folder as the output: INPUT-1.png, INPUT-2.png', async () => {
    const dir = await tempFolder();
    await inpaint(dir, 'samples=2');
    expect((await readdir(dir)).sort()).toEqual(['coffee-1.png', 'coffee-2.png']);
  });
});
