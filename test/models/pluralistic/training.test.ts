/**
 * Pluralistic through the shared training loop on two small generated photos (96x96 crops, narrow
 * widths): two steps, the loss columns with the total their sum, weights that change, and the
 * weights file as pluralistic's --weights.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createImage, createMask } from '../../../src/core/image.js';
import { pluralisticTraining } from '../../../src/models/pluralistic/training.js';
import { inpaintImage } from '../../../src/pipeline/inpaint-image.js';
import { trainNetwork } from '../../../src/training/train-network.js';
import { describeWithEngine } from '../../torch/engine.js';
import { writeTrainingPhotos } from '../../training/training-photos.js';

let folder: string;
let photos: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pluralistic-train-'));
  photos = join(folder, 'photos');
  await writeTrainingPhotos(photos, 2);
});

afterAll(() => rm(folder, { recursive: true, force: true }));

describeWithEngine('Pluralistic training', () => {
  it('2 steps: its loss columns, total = sum of the six terms, weights usable by pluralistic', async () => {
    const out = join(folder, 'run');
    const options = { size: 96, batch: 1, ngf: 4, zChannels: 8, imgF: 16, ndf: 4 };
    expect(await trainNetwork(pluralisticTraining, { imagesDir: photos, outDir: out, options, checkpointEvery: 2, seed: 3, steps: 2 })).toMatchObject({ step: 2 });
    const csv = (await readFile(join(out, 'losses.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('step,seconds,img_d,kl_rec,kl_g,app_rec,app_g,ad_g,ad_rec,g_loss');
    for (const line of csv.slice(1)) {
      const [, , dLoss, ...terms] = line.split(',').map(Number);
      expect([dLoss, ...terms].every(Number.isFinite)).toBe(true);
      const total = terms.pop()!;
      expect(total).toBeCloseTo(terms.reduce((a, b) => a + b), 3);
    }
    const image = createImage(40, 40, new Uint8Array(40 * 40 * 3).map((_, i) => (i * 7) % 256));
    const mask = createMask(40, 40, new Uint8Array(1600).map((_, i) => (i % 40 > 10 && i % 40 < 25 && i > 400 && i < 1000 ? 1 : 0)));
    const filled = await inpaintImage(image, mask, { method: 'pluralistic', options: { weights: join(out, 'generator.safetensors') } });
    expect([filled.width, filled.height]).toEqual([40, 40]);
    expect(Buffer.from(filled.rgb).equals(Buffer.from(image.rgb))).toBe(false);
  });
});
