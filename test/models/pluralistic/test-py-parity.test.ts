/**
 * `inpaint image IN --mask M -o OUT --method pluralistic --weights FOLDER --set noise=mean` against
 * the official test.py on the same files (test/fixtures/models/pluralistic/test_py, made by
 * make_test_py_fixture.py, the prior's mean in place of a sample there too): a 256x256 photo,
 * the release folder as the authors publish it (latest_net_E/G/D/D_rec.pth, `module.` keys).
 * Run with `--set samples=2` against `test.py --nsampling 2`: both fills at least 40 dB PSNR
 * inside the hole, the input's pixels outside it. The first is what a single fill gives
 * (samples.test.ts); the second differs from it through the generator's spectral-norm state,
 * which each forward advances.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { readGray, readRgb, runInpaintHere, useTempFolder } from '../../cli/fixtures.js';
import { describeWithEngine } from '../../torch/engine.js';
import { compareFill } from '../compare-fill.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models');
const image = join(fixtures, 'deepfill', 'test_py', 'coffee.png');
const mask = join(fixtures, 'deepfill', 'test_py', 'coffee_mask.png');
const weights = join(fixtures, 'pluralistic', 'weights');
const tempFolder = useTempFolder();

async function expectOfficial(output: string, official: string): Promise<void> {
  const [ours, theirs, input, hole] = await Promise.all([readRgb(output), readRgb(join(fixtures, 'pluralistic', 'test_py', official)), readRgb(image), readGray(mask)]);
  const { psnr, knownChanged } = compareFill(ours.rgb, theirs.rgb, input.rgb, hole.data);
  expect(knownChanged).toBe(0);
  expect(psnr).toBeGreaterThanOrEqual(40);
}

describeWithEngine('pluralistic reproduces the official test.py', () => {
  const run = async (output: string, ...set: string[]) => {
    const result = await runInpaintHere(['image', image, '--mask', mask, '-o', output, '--method', 'pluralistic', '--weights', weights, ...set.flatMap((s) => ['--set', s])]);
    expect(result.err).toBe('');
    expect(result.status).toBe(0);
  };

  it('--set noise=mean --set samples=2: OUT-1.png and OUT-2.png, test.py\'s two samples', async () => {
    const dir = await tempFolder();
    await run(join(dir, 'out.png'), 'noise=mean', 'samples=2');
    await expectOfficial(join(dir, 'out-1.png'), 'coffee_official-1.png');
    await expectOfficial(join(dir, 'out-2.png'), 'coffee_official-2.png');
  });
});
