/**
 * `inpaint video FRAMES --mask MASKS -o OUT --method cpnet --weights weight.pth` against the
 * official CPNet_test.py on the same clip (test/fixtures/models/cpnet/test_py, made by
 * make_test_py_fixture.py: 4 frames at the official test size, 424x240, the official reader's
 * dilation off). The fixture's seeded weights are drawn again here and written as the release
 * is: one torch.save zip file of a DataParallel state dict (keys `module.*`). Every frame: at least
 * 40 dB PSNR inside the hole, the input's pixels outside it.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readGray, readRgb, runInpaintHere } from '../../cli/fixtures.js';
import { describeWithEngine } from '../../torch/engine.js';
import { writePth } from '../../torch/serialization/write-pth.js';
import { compareFill } from '../compare-fill.js';
import { seededCPNet } from './seeded-weights.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'cpnet', 'test_py');

describeWithEngine('cpnet reproduces the official CPNet_test.py', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cpnet-release-'));
    const net = seededCPNet(16);
    await writePth(join(folder, 'weight.pth'), new Map([...net.stateDict()].map(([key, t]) => [`module.${key}`, t])));
    net.dispose();
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('every frame: at least 40 dB inside the hole, known pixels the input\'s', async () => {
    const output = join(folder, 'out');
    const result = await runInpaintHere(['video', join(fixtures, 'frames'), '--mask', join(fixtures, 'masks'), '-o', output, '--method', 'cpnet', '--weights', join(folder, 'weight.pth')]);
    expect(result.err).toBe('');
    expect(result.status).toBe(0);
    const names = (await readdir(join(fixtures, 'frames'))).sort();
    const written = (await readdir(output)).sort();
    expect(written).toHaveLength(names.length);
    for (const [f, name] of names.entries()) {
      const [ours, theirs, input, hole] = await Promise.all([
        readRgb(join(output, written[f])), readRgb(join(fixtures, 'official', name)), readRgb(join(fixtures, 'frames', name)), readGray(join(fixtures, 'masks', name)),
      ]);
      const { psnr, knownChanged } = compareFill(ours.rgb, theirs.rgb, input.rgb, hole.data);
      console.log(`cpnet e2e frame ${f}: ${psnr.toFixed(2)} dB in the hole, ${knownChanged} known values changed`);
      expect(knownChanged).toBe(0);
      expect(psnr).toBeGreaterThanOrEqual(40);
    }
  }, 300_000);
});
