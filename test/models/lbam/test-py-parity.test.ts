/**
 * `inpaint image IN --mask M -o OUT --method lbam --weights W` against the official test.py on
 * the same files (test/fixtures/models/lbam/test_py, made by make_test_py_fixture.py): a 256x256
 * photo, a width-8 generator's plain state dict in the legacy torch.save format (as released).
 * Inside the hole at least 40 dB PSNR; outside it the input's pixels, unchanged.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readGray, readRgb, runInpaintHere, useTempFolder } from '../../cli/fixtures.js';
import { describeWithEngine } from '../../torch/engine.js';
import { compareFill } from '../compare-fill.js';
import { lbamFixtures as fixtures } from './fixtures.js';

const tempFolder = useTempFolder();

describeWithEngine('lbam reproduces the official test.py', () => {
  it('at least 40 dB inside the hole, known pixels the input\'s', async () => {
    const dir = await tempFolder();
    const image = join(fixtures, 'test_py', 'coffee.png'), mask = join(fixtures, 'test_py', 'coffee_mask.png');
    const output = join(dir, 'out.png');
    const result = await runInpaintHere(['image', image, '--mask', mask, '-o', output, '--method', 'lbam', '--weights', join(fixtures, 'weights.pth')]);
    expect(result.err).toBe('');
    expect(result.status).toBe(0);

    const [ours, official, input, hole] = await Promise.all([readRgb(output), readRgb(join(fixtures, 'test_py', 'coffee_official.png')), readRgb(image), readGray(mask)]);
    const { psnr, knownChanged } = compareFill(ours.rgb, official.rgb, input.rgb, hole.data);
    console.log(`lbam test.py parity: ${psnr.toFixed(2)} dB inside the hole, ${knownChanged} known values changed`);
    expect(knownChanged).toBe(0);
    expect(psnr).toBeGreaterThanOrEqual(40);
  });
});
