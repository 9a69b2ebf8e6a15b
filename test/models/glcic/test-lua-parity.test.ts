/**
 * `inpaint image IN --mask M -o OUT --method glcic --weights completionnet_places2.t7` against the
 * official test script (inpaint.lua without --postproc) on the same files
 * (test/fixtures/models/glcic/test_lua, made by make_test_lua_fixture.py from the transcription of
 * inpaint.lua): a 256x256 photo, random weights in the release's .t7 structure and file name.
 * Inside the hole at least 40 dB PSNR; outside it the input's pixels, unchanged.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { readGray, readRgb, runInpaintHere, useTempFolder } from '../../cli/fixtures.js';
import { describeWithEngine } from '../../torch/engine.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models');
const tempFolder = useTempFolder();

describeWithEngine('glcic reproduces inpaint.lua', () => {
  const image = join(fixtures, 'deepfill', 'test_py', 'coffee.png'), mask = join(fixtures, 'glcic', 'test_lua', 'coffee_mask.png');
  const weights = join(fixtures, 'glcic', 'test_lua', 'completionnet_places2.t7');

  // The release file, and a folder holding it under its official name.
  it.each([weights, dirname(weights)])('--weights %s --set postprocess=none: at least 40 dB inside the hole, known pixels the input\'s', async (release) => {
    const output = join(await tempFolder(), 'out.png');
    const result = await runInpaintHere(['image', image, '--mask', mask, '-o', output, '--method', 'glcic', '--weights', release, '--set', 'postprocess=none']);
    expect(result.err).toBe('');
    expect(result.status).toBe(0);

    const [ours, lua, input, hole] = await Promise.all([readRgb(output), readRgb(join(fixtures, 'glcic', 'test_lua', 'coffee_lua.png')), readRgb(image), readGray(mask)]);
    let squared = 0, count = 0, knownChanged = 0;
    for (let i = 0; i < hole.data.length; i++) {
      for (let c = 0; c < 3; c++) {
        const at = i * 3 + c;
        if (hole.data[i] > 127) {
          squared += (ours.rgb[at] - lua.rgb[at]) ** 2;
          count++;
        } else if (ours.rgb[at] !== input.rgb[at]) {
          knownChanged++;
        }
      }
    }
    const psnr = 10 * Math.log10((255 * 255) / Math.max(squared / count, 1e-12));
    console.log(`glcic vs inpaint.lua: ${psnr.toFixed(2)} dB inside the hole (${count / 3} pixels), ${knownChanged} known values changed`);
    expect(knownChanged).toBe(0);
    expect(psnr).toBeGreaterThanOrEqual(40);
  });

  it('by default post-processes (Telea, Poisson blending): the hole changes, known pixels stay the input\'s', async () => {
    const output = join(await tempFolder(), 'out.png');
    const result = await runInpaintHere(['image', image, '--mask', mask, '-o', output, '--method', 'glcic', '--weights', weights]);
    expect(result.status).toBe(0);
    const [ours, lua, input, hole] = await Promise.all([readRgb(output), readRgb(join(fixtures, 'glcic', 'test_lua', 'coffee_lua.png')), readRgb(image), readGray(mask)]);
    let changedInHole = 0, knownChanged = 0;
    for (let i = 0; i < hole.data.length * 3; i++) {
      if (hole.data[Math.floor(i / 3)] > 127) changedInHole += Math.abs(ours.rgb[i] - lua.rgb[i]) > 8 ? 1 : 0;
      else knownChanged += ours.rgb[i] !== input.rgb[i] ? 1 : 0;
    }
    expect(knownChanged).toBe(0);
    expect(changedInHole).toBeGreaterThan(1000);
  });
});
