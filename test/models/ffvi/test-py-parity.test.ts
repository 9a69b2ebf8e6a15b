/**
 * `inpaint video FRAMES --mask MASKS -o OUT --method ffvi --weights W` against the official test
 * run (`train.py -r W --dataset_config ... -od OUT`) on the same files (test/fixtures/models/ffvi/
 * test_py, made by make_test_py_fixture.py): 5 frames at the released test size 320x180 with a
 * drifting hole, W the checkpoint as the official trainer saves it (legacy torch.save, its Logger
 * pickled inside). Inside every frame's hole at least 40 dB PSNR; outside it the input's pixels.
 */
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { readGray, readRgb, runInpaintHere, useTempFolder } from '../../cli/fixtures.js';
import { describeWithEngine } from '../../torch/engine.js';
import { compareFill } from '../compare-fill.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'ffvi');
const clip = join(fixtures, 'test_py');
const tempFolder = useTempFolder();

describeWithEngine('ffvi reproduces the official test run (320x180, 5 frames)', () => {
  it('at least 40 dB inside every frame\'s hole, known pixels the input\'s', async () => {
    const output = join(await tempFolder(), 'filled');
    const result = await runInpaintHere(['video', join(clip, 'frames'), '--mask', join(clip, 'masks'), '-o', output, '--method', 'ffvi', '--weights', join(fixtures, 'weights.pth')]);
    expect(result.err).toBe('');
    expect(result.status).toBe(0);
    const names = (await readdir(join(clip, 'frames'))).sort();
    expect((await readdir(output)).sort()).toEqual(names);
    for (const [t, name] of names.entries()) {
      const [ours, official, input, hole] = await Promise.all([
        readRgb(join(output, name)),
        readRgb(join(clip, 'official', `frame_${String(t).padStart(4, '0')}.png`)),
        readRgb(join(clip, 'frames', name)),
        readGray(join(clip, 'masks', name)),
      ]);
      const { psnr, knownChanged } = compareFill(ours.rgb, official.rgb, input.rgb, hole.data);
      console.log(`frame ${t}: ${psnr.toFixed(2)} dB inside the hole, ${knownChanged} known values changed`);
      expect(knownChanged).toBe(0);
      expect(psnr).toBeGreaterThanOrEqual(40);
    }
  });
});
