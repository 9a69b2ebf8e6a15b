/**
 * `inpaint image IN --mask M -o OUT --method deepfillv2 --weights W` against the port's own
 * test.py on the same files (test/fixtures/models/deepfill/test_py, made by
 * make_test_py_fixture.py): a 256x256 photo, weights saved by torch.save in the zip and in the
 * legacy format. Inside the hole at least 40 dB PSNR; outside it the input's pixels, unchanged.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { readGray, readRgb, runInpaintHere, useTempFolder } from '../../cli/fixtures.js';
import { describeWithEngine } from '../../torch/engine.js';
import { compareFill } from '../compare-fill.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'deepfill', 'test_py');
const tempFolder = useTempFolder();

describeWithEngine('deepfillv2 reproduces the port\'s test.py', () => {
  it.each(['weights_zip.pth', 'weights_legacy.pth'])('--weights %s: at least 40 dB inside the hole, known pixels the input\'s', async (weights) => {
    const dir = await tempFolder();
    const output = join(dir, 'out.png');
    const image = join(fixtures, 'coffee.png'), mask = join(fixtures, 'coffee_mask.png');
    const result = await runInpaintHere(['image', image, '--mask', mask, '-o', output, '--method', 'deepfillv2', '--weights', join(fixtures, weights)]);
    expect(result.err).toBe('');
    expect(result.status).toBe(0);

    const [ours, port, input, hole] = await Promise.all([readRgb(output), readRgb(join(fixtures, 'coffee_port.png')), readRgb(image), readGray(mask)]);
    const { psnr, knownChanged } = compareFill(ours.rgb, port.rgb, input.rgb, hole.data);
    expect(knownChanged).toBe(0);
    expect(psnr).toBeGreaterThanOrEqual(40);
  });

  it('the two formats give the same bytes', async () => {
    const dir = await tempFolder();
    const image = join(fixtures, 'coffee.png'), mask = join(fixtures, 'coffee_mask.png');
    for (const weights of ['weights_zip.pth', 'weights_legacy.pth']) {
      const result = await runInpaintHere(['image', image, '--mask', mask, '-o', join(dir, `${weights}.png`), '--method', 'deepfillv2', '--weights', join(fixtures, weights)]);
      expect(result.status).toBe(0);
    }
    expect(await readFile(join(dir, 'weights_legacy.pth.png'))).toEqual(await readFile(join(dir, 'weights_zip.pth.png')));
  });
});
