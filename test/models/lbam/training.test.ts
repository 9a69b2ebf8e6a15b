/**
 * LBAM through the shared training loop on two small generated photos (256x256 crops, the least
 * the critic takes; widths 8 and 1; VGG terms off): its loss columns, the generator total as the
 * sum of the terms in use, the trained generator as --weights of the lbam method; and the loss
 * rule: VGG terms left on without torchvision's weights stop the run.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MissingVggWeightsError } from '../../../src/core/errors.js';
import { createImage, createMask } from '../../../src/core/image.js';
import { lbamTraining } from '../../../src/models/lbam/training.js';
import { inpaintImage } from '../../../src/pipeline/inpaint-image.js';
import { trainNetwork } from '../../../src/training/train-network.js';
import { describeWithEngine } from '../../torch/engine.js';
import { writeTrainingPhotos } from '../../training/training-photos.js';

let folder: string;
let photos: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'lbam-train-'));
  photos = join(folder, 'photos');
  await writeTrainingPhotos(photos, 2);
});

afterAll(() => rm(folder, { recursive: true, force: true }));

describeWithEngine('LBAM training', () => {
  it('a step: the loss columns, g_loss = hole + valid + adversarial, weights usable by lbam', async () => {
    const out = join(folder, 'run');
    const options = { size: 256, batch: 1, width: 8, dWidth: 1, off: 'perceptual,style' };
    expect(await trainNetwork(lbamTraining, { imagesDir: photos, outDir: out, options, checkpointEvery: 1, seed: 3, steps: 1 })).toMatchObject({ step: 1 });

    const csv = (await readFile(join(out, 'losses.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('step,seconds,d_loss,hole,valid,perceptual,style,adversarial,g_loss');
    for (const line of csv.slice(1)) {
      const [, , dLoss, hole, valid, , , adversarial, gLoss] = line.split(',').map(Number);
      expect([dLoss, hole, valid, adversarial, gLoss].every(Number.isFinite)).toBe(true);
      expect(gLoss).toBeCloseTo(hole + valid + adversarial, 5);
    }

    const image = createImage(16, 16, new Uint8Array(16 * 16 * 3).fill(90));
    const mask = createMask(16, 16, new Uint8Array(256).map((_, i) => (i > 100 && i < 140 ? 1 : 0)));
    const filled = await inpaintImage(image, mask, { method: 'lbam', options: { weights: join(out, 'generator.safetensors') } });
    expect([filled.width, filled.height]).toEqual([16, 16]);
  }, 180_000);

  it('perceptual and style on without VGG16 weights: MissingVggWeightsError', async () => {
    await expect(trainNetwork(lbamTraining, { imagesDir: photos, outDir: join(folder, 'refused'), options: { width: 8, dWidth: 2 }, steps: 1 }))
      .rejects.toThrow(MissingVggWeightsError);
  });
});
