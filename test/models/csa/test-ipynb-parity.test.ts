/**
 * `inpaint image IN --mask M -o OUT --method csa --weights FOLDER` against the official test.ipynb
 * on the same files (test/fixtures/models/csa/test_ipynb, made by make_test_ipynb_fixture.py): a
 * 256x256 photo, the release folder as the official training notebook saves one
 * (30_net_G.pth, 30_net_P.pth, legacy torch.save). At least 40 dB PSNR inside the hole, the input's
 * pixels outside it.
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
const tempFolder = useTempFolder();

describeWithEngine('csa reproduces the official test.ipynb', () => {
  it('inpaint image --weights FOLDER: the notebook\'s output in the hole, the input outside', async () => {
    const output = join(await tempFolder(), 'out.png');
    const result = await runInpaintHere(['image', image, '--mask', mask, '-o', output, '--method', 'csa', '--weights', join(fixtures, 'csa', 'weights')]);
    expect(result.err).toBe('');
    expect(result.status).toBe(0);
    const [ours, theirs, input, hole] = await Promise.all([readRgb(output), readRgb(join(fixtures, 'csa', 'test_ipynb', 'coffee_official.png')), readRgb(image), readGray(mask)]);
    const { psnr, knownChanged } = compareFill(ours.rgb, theirs.rgb, input.rgb, hole.data);
    expect(knownChanged).toBe(0);
    expect(psnr).toBeGreaterThanOrEqual(40);
  });
});
