/**
 * CSA through the shared training loop on two small generated photos (256x256 crops, batch 1,
 * widths 2 and 2, the VGG terms off): its loss columns, the generator total as L1 + 0.2 x the
 * adversarial term, the trained generators as --weights of the csa method; and the loss rule: the
 * VGG terms left on without torchvision's weights stop the run.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MissingVggWeightsError } from '../../../src/core/errors.js';
import { createImage, createMask } from '../../../src/core/image.js';
import { csaTraining } from '../../../src/models/csa/training.js';
import { inpaintImage } from '../../../src/pipeline/inpaint-image.js';
import { trainNetwork } from '../../../src/training/train-network.js';
import { describeWithEngine } from '../../torch/engine.js';
import { writeTrainingPhotos } from '../../training/training-photos.js';

let folder: string;
let photos: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'csa-train-'));
  photos = join(folder, 'photos');
  await writeTrainingPhotos(photos, 2);
});

afterAll(() => rm(folder, { recursive: true, force: true }));

describeWithEngine('CSA training', () => {
  it('two steps: the loss columns, g_loss = l1 + 0.2 x adversarial, weights usable by csa', async () => {
    const out = join(folder, 'run');
    const options = { ngf: 2, ndf: 2, off: 'feature,consistency' };
    expect(await trainNetwork(csaTraining, { imagesDir: photos, outDir: out, options, checkpointEvery: 2, seed: 3, steps: 2 })).toMatchObject({ step: 2 });

    const csv = (await readFile(join(out, 'losses.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('step,seconds,d_loss,l1,adversarial,consistency,g_loss');
    for (const line of csv.slice(1)) {
      const [, , dLoss, l1, adversarial, , gLoss] = line.split(',').map(Number);
      expect([dLoss, l1, adversarial, gLoss].every(Number.isFinite)).toBe(true);
      expect(gLoss).toBeCloseTo(l1 + 0.2 * adversarial, 4);
    }

    const image = createImage(64, 64, new Uint8Array(64 * 64 * 3).fill(90));
    const mask = createMask(64, 64, new Uint8Array(64 * 64).map((_, i) => (i > 1000 && i < 1400 ? 1 : 0)));
    const filled = await inpaintImage(image, mask, { method: 'csa', options: { weights: join(out, 'generator.safetensors') } });
    expect([filled.width, filled.height]).toEqual([64, 64]);
  }, 180_000);

  it('the VGG16 terms on without its weights: MissingVggWeightsError', async () => {
    await expect(trainNetwork(csaTraining, { imagesDir: photos, outDir: join(folder, 'refused'), options: { ngf: 2 }, steps: 1 }))
      .rejects.toThrow(MissingVggWeightsError);
  });
});
