/**
 * `inpaint image IN --mask M -o OUT --method pconv --weights W` against naoto0804's test pipeline
 * on the same files (test/fixtures/models/pconv/test_py, made by make_test_py_fixture.py): a
 * 256x256 photo, W its train.py checkpoint ({'n_iter', 'model', 'optimizer'}) named 1000000.pth as
 * the release, in the legacy format (the release's) and the zip one, given as the file or as the
 * folder holding it. Inside the hole at least 40 dB PSNR; outside it the input's pixels, unchanged.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { readGray, readRgb, runInpaintHere, useTempFolder } from '../../cli/fixtures.js';
import { describeWithEngine } from '../../torch/engine.js';
import { compareFill } from '../compare-fill.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'pconv', 'test_py');
const tempFolder = useTempFolder();

describeWithEngine("pconv reproduces naoto0804's test pipeline", () => {
  it.each(['legacy/1000000.pth', 'zip/1000000.pth', 'legacy'])('--weights %s: at least 40 dB inside the hole, known pixels the input\'s', async (weights) => {
    const dir = await tempFolder();
    const output = join(dir, 'out.png');
    const image = join(fixtures, 'coffee.png'), mask = join(fixtures, 'coffee_mask.png');
    const result = await runInpaintHere(['image', image, '--mask', mask, '-o', output, '--method', 'pconv', '--weights', join(fixtures, weights)]);
    expect(result.err).toBe('');
    expect(result.status).toBe(0);

    const [ours, official, input, hole] = await Promise.all([readRgb(output), readRgb(join(fixtures, 'coffee_pconv.png')), readRgb(image), readGray(mask)]);
    const { psnr, knownChanged } = compareFill(ours.rgb, official.rgb, input.rgb, hole.data);
    console.log(`pconv vs naoto0804's pipeline (${weights}): ${psnr.toFixed(2)} dB inside the hole, ${knownChanged} known values changed`);
    expect(knownChanged).toBe(0);
    expect(psnr).toBeGreaterThanOrEqual(40);
  });

  it('--set scaling=nvidia reaches the network (through the worker): on naoto0804-scaled weights the fill is far from the official one', async () => {
    const dir = await tempFolder();
    const output = join(dir, 'out.png');
    const image = join(fixtures, 'coffee.png'), mask = join(fixtures, 'coffee_mask.png');
    const result = await runInpaintHere(['image', image, '--mask', mask, '-o', output, '--method', 'pconv', '--weights', join(fixtures, 'legacy'), '--set', 'scaling=nvidia']);
    expect(result.status).toBe(0);
    const [ours, official, input, hole] = await Promise.all([readRgb(output), readRgb(join(fixtures, 'coffee_pconv.png')), readRgb(image), readGray(mask)]);
    const { psnr, knownChanged } = compareFill(ours.rgb, official.rgb, input.rgb, hole.data);
    expect(knownChanged).toBe(0);
    expect(psnr).toBeLessThan(20);
  });
});
