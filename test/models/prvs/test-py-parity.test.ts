/**
 * `inpaint image IN --mask M -o OUT --method prvs --weights W` against the official test code
 * (run.py --test) on the same files (test/fixtures/models/prvs/test_py, made by
 * make_test_py_fixture.py): a 256x256 photo, Canny edges (sigma 2) computed here by our port of
 * scikit-image's, W the official training checkpoint layout {'n_iter', 'generator', 'optimizer_G'}
 * in the legacy torch.save format with an Adam state. Inside the hole at least 40 dB PSNR; outside
 * it the input's pixels, unchanged.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { prvs } from '../../../src/models/prvs/network.js';
import { readStateDicts } from '../../../src/weights/release.js';
import { readCheckpoint } from '../../../src/torch/index.js';
import { readGray, readRgb, runInpaintHere, useTempFolder } from '../../cli/fixtures.js';
import { describeWithEngine } from '../../torch/engine.js';
import { compareFill } from '../compare-fill.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'prvs', 'test_py');
const tempFolder = useTempFolder();

describeWithEngine('prvs reproduces the official test code', () => {
  it('reads the official checkpoint: the generator beside an optimizer state of None, booleans and tuples', async () => {
    const checkpoint = await readCheckpoint(join(fixtures, 'weights.pth')) as Record<string, unknown>;
    const optimizer = checkpoint.optimizer_G as { param_groups: Record<string, unknown>[]; state: Map<unknown, unknown> | Record<string, unknown> };
    const group = optimizer.param_groups[0];
    expect([group.betas, group.amsgrad, group.foreach, group.lr]).toEqual([[0.9, 0.999], false, null, 2e-4]);
    expect(checkpoint.n_iter).toBe(7);
    const generator = (await readStateDicts(join(fixtures, 'weights.pth'), prvs.checkpoint)).get('generator')!;
    const net = prvs.load(new Map([['generator', generator]]));
    expect([net.layerSize, net.widths]).toEqual([8, [16, 32, 32]]);
    net.dispose();
  });

  it('--weights in the official layout: at least 40 dB inside the hole, known pixels the input\'s', async () => {
    const dir = await tempFolder();
    const output = join(dir, 'out.png');
    const image = join(fixtures, 'coffee.png'), mask = join(fixtures, 'coffee_mask.png');
    const result = await runInpaintHere(['image', image, '--mask', mask, '-o', output, '--method', 'prvs', '--weights', join(fixtures, 'weights.pth')]);
    expect(result.err).toBe('');
    expect(result.status).toBe(0);

    const [ours, official, input, hole] = await Promise.all([readRgb(output), readRgb(join(fixtures, 'coffee_official.png')), readRgb(image), readGray(mask)]);
    const { psnr, knownChanged } = compareFill(ours.rgb, official.rgb, input.rgb, hole.data);
    console.log(`prvs test-code parity: ${psnr.toFixed(2)} dB inside the hole`);
    expect(knownChanged).toBe(0);
    expect(psnr).toBeGreaterThanOrEqual(40);
  });
});
