/**
 * `inpaint image IN --mask M -o OUT --method pluralistic --weights FOLDER --set noise=mean` against
 * the official test.py on the same files (test/fixtures/models/pluralistic/test_py, made by
 * make_test_py_fixture.py, the prior's mean in place of a sample there too): a 256x256 photo,
 * the release folder as the authors publish it (latest_net_E/G/D/D_rec.pth, `module.` keys).
 * Inside the hole at least 40 dB PSNR; outside it the input's pixels, unchanged.
 */
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

/** PSNR over the hole's pixels (all three channels), and how many known pixels differ from `input`. */
function compare(ours: Uint8Array, official: Uint8Array, input: Uint8Array, hole: Uint8Array): { psnr: number; knownChanged: number } {
  let squared = 0, count = 0, knownChanged = 0;
  for (let i = 0; i < hole.length; i++) {
    for (let c = 0; c < 3; c++) {
      const at = i * 3 + c;
      if (hole[i] > 127) {
        squared += (ours[at] - official[at]) ** 2;
        count++;
      } else if (ours[at] !== input[at]) {
        knownChanged++;
      }
    }
  }
  return { psnr: 10 * Math.log10((255 * 255) / (squared / count)), knownChanged };
}

describeWithEngine('pluralistic reproduces the official test.py', () => {
  it('--set noise=mean: at least 40 dB inside the hole, known pixels the input\'s', async () => {
    const output = join(await tempFolder(), 'out.png');
    const result = await runInpaintHere(['image', image, '--mask', mask, '-o', output, '--method', 'pluralistic', '--weights', weights, '--set', 'noise=mean']);
    expect(result.err).toBe('');
    expect(result.status).toBe(0);
    const [ours, official, input, hole] = await Promise.all([readRgb(output), readRgb(join(fixtures, 'pluralistic', 'test_py', 'coffee_official.png')), readRgb(image), readGray(mask)]);
    const { psnr, knownChanged } = compare(ours.rgb, official.rgb, input.rgb, hole.data);
    expect(knownChanged).toBe(0);
    expect(psnr).toBeGreaterThanOrEqual(40);
  });
});
