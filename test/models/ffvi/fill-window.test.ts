/**
 * ffviFillWindow, the official test run's pipeline on images, against that run's frames
 * (test/fixtures/models/ffvi/test_py, made by make_test_py_fixture.py): 5 frames at the released
 * test size 320x180 with a drifting hole, filled at once. Inside the holes at least 40 dB PSNR.
 */
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { readGray, readRgb } from '../../cli/fixtures.js';
import { createMask } from '../../../src/core/image.js';
import { ffviFillWindow, ffviTestSize } from '../../../src/models/ffvi/fill-window.js';
import { loadFfviModel } from '../../../src/models/ffvi/model.js';
import { readStateDicts, singleFileLayout } from '../../../src/weights/release.js';
import { describeWithEngine } from '../../torch/engine.js';
import { compareFill } from '../compare-fill.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'ffvi');
const clip = join(fixtures, 'test_py');

describeWithEngine('ffviFillWindow reproduces the official test run (320x180, 5 frames)', () => {
  it('at least 40 dB inside every frame\'s hole', async () => {
    const names = (await readdir(join(clip, 'frames'))).sort();
    const frames = await Promise.all(names.map((name) => readRgb(join(clip, 'frames', name))));
    const holes = await Promise.all(names.map((name) => readGray(join(clip, 'masks', name))));
    const masks = holes.map((hole) => createMask(hole.width, hole.height, hole.data.map((v) => (v >= 128 ? 1 : 0))));
    const model = loadFfviModel((await readStateDicts(join(fixtures, 'weights.pth'), singleFileLayout('model', ['state_dict']))).get('model')!);
    const filled = ffviFillWindow(model, frames, masks, ffviTestSize);
    model.dispose();
    for (const [t, frame] of filled.entries()) {
      const official = await readRgb(join(clip, 'official', `frame_${String(t).padStart(4, '0')}.png`));
      const { psnr } = compareFill(frame.rgb, official.rgb, frames[t].rgb, holes[t].data);
      console.log(`frame ${t}: ${psnr.toFixed(2)} dB inside the hole`);
      expect(psnr).toBeGreaterThanOrEqual(40);
    }
  });
});
