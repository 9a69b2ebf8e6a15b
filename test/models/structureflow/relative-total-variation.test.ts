/**
 * The relative-total-variation smoothing against the authors' MATLAB tsmooth run in GNU Octave
 * (test/fixtures/models/structureflow/make_rtv_fixture.m, on a 48x64 crop with a hole): the
 * float64 result to 1e-9, and the 8-bit structure image as imwrite writes it, level for level.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { relativeTotalVariation } from '../../../src/models/structureflow/relative-total-variation.js';
import { structureImage } from '../../../src/models/structureflow/structure-image.js';
import { readImage } from '../../../src/io/read-image.js';
import { readMask } from '../../../src/io/read-mask.js';
import { imageToTensor, maskToTensor } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'structureflow', 'rtv');

async function fixture() {
  const photo = await readImage(join(folder, 'photo.png'));
  const mask = await readMask(join(folder, 'mask.png'));
  const structure = await readImage(join(folder, 'structure.png'));
  const bytes = readFileSync(join(folder, 'smooth.f64'));
  const smooth = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return { photo, mask, structure, smooth };
}

describeWithEngine('tsmooth', () => {
  it('tsmooth(I_in, 0.015, 3, 0.001, 3, mask) in float64 as Octave computes it', async () => {
    const { photo, mask, smooth } = await fixture();
    const n = photo.width * photo.height;
    const planes = [0, 1, 2].map((c) => Float64Array.from({ length: n }, (_, p) => (mask.data[p] ? 0 : photo.rgb[p * 3 + c] / 255)));
    const ours = relativeTotalVariation({ width: photo.width, height: photo.height, planes }, mask.data);
    let worst = 0;
    ours.planes.forEach((plane, c) => plane.forEach((v, p) => { worst = Math.max(worst, Math.abs(v - smooth[c * n + p])); }));
    expect(worst).toBeLessThan(1e-9);
    // Without the hole's gradients zeroed (the change of issues #17/#27) the result differs.
    const unmasked = relativeTotalVariation({ width: photo.width, height: photo.height, planes }, new Uint8Array(n));
    expect(Math.max(...unmasked.planes[0].map((v, p) => Math.abs(v - smooth[p])))).toBeGreaterThan(1e-3);
  });
});

describeWithEngine('the structure image', () => {
  it('is imwrite(S) read back into [-1,1], level for level', async () => {
    const { photo, mask, structure } = await fixture();
    const ours = structureImage(imageToTensor(photo, { signed: true }), maskToTensor(mask));
    const levels = (ours.toArray() as Float32Array).map((v) => Math.round(((v + 1) / 2) * 255));
    const n = photo.width * photo.height;
    let mismatches = 0;
    for (let c = 0; c < 3; c++) for (let p = 0; p < n; p++) if (levels[c * n + p] !== structure.rgb[p * 3 + c]) mismatches++;
    expect(mismatches).toBe(0);
  });
});
