/**
 * DeepFill v2 through the shared training loop on two small generated photos (64x64 crops, widths
 * 4 and 2): checkpoints, its loss columns (CSV and PNG), resume, refusing to overwrite a run, and
 * the trained generator as --weights.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/core/errors.js';
import { createImage, createMask } from '../../../src/core/image.js';
import { deepFillV2Training } from '../../../src/models/deepfill/training.js';
import { inpaintImage } from '../../../src/pipeline/inpaint-image.js';
import { loadSafetensors, tidy } from '../../../src/torch/index.js';
import { trainNetwork } from '../../../src/training/train-network.js';
import { describeWithEngine } from '../../torch/engine.js';
import { writeTrainingPhotos } from '../../training/training-photos.js';

let folder: string;
let photos: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'deepfill-train-'));
  photos = join(folder, 'photos');
  await writeTrainingPhotos(photos, 2);
});

afterAll(() => rm(folder, { recursive: true, force: true }));

describeWithEngine('DeepFill v2 training', () => {
  it('2 steps, then resumed to 3: checkpoint files, 3 CSV rows, a PNG plot, weights usable by deepfillv2', async () => {
    const out = join(folder, 'run');
    const options = { imagesDir: photos, outDir: out, options: { size: 64, batch: 1, cnum: 4, dCnum: 2 }, checkpointEvery: 1, seed: 3 };
    const seen: number[] = [];
    expect(await trainNetwork(deepFillV2Training, { ...options, steps: 2, onStep: (row) => seen.push(row.step) })).toMatchObject({ step: 2 });
    expect(seen).toEqual([1, 2]);
    expect(await adamSteps(join(out, 'optimizers.safetensors'))).toEqual({ generator: 2, discriminator: 2 });
    await expect(trainNetwork(deepFillV2Training, { ...options, steps: 3 })).rejects.toThrow(InvalidInputError);
    expect(await trainNetwork(deepFillV2Training, { ...options, options: {}, steps: 3, resume: true })).toMatchObject({ step: 3 });
    // Adam went on from its saved state: a fresh one would count 1 step.
    expect(await adamSteps(join(out, 'optimizers.safetensors'))).toEqual({ generator: 3, discriminator: 3 });

    const csv = (await readFile(join(out, 'losses.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('step,seconds,d_loss,g_gan,ae_loss,g_loss');
    expect(csv.slice(1).map((line) => Number(line.split(',')[0]))).toEqual([1, 2, 3]);
    for (const line of csv.slice(1)) {
      const [, , dLoss, gGan, ae, gLoss] = line.split(',').map(Number);
      expect([dLoss, gGan, ae, gLoss].every(Number.isFinite)).toBe(true);
      expect(gLoss).toBeCloseTo(gGan + ae, 5);
    }
    const plot = await sharp(join(out, 'losses.png')).metadata();
    expect([plot.format, plot.width, plot.height]).toEqual(['png', 900, 480]);
    // The resumed run kept the saved options (cnum 4) though none were given.
    expect(JSON.parse(await readFile(join(out, 'training.json'), 'utf8'))).toMatchObject({ model: 'deepfillv2', step: 3, options: { cnum: 4, size: 64 } });

    const image = createImage(16, 16, new Uint8Array(16 * 16 * 3).fill(90));
    const mask = createMask(16, 16, new Uint8Array(256).map((_, i) => (i > 100 && i < 140 ? 1 : 0)));
    const filled = await inpaintImage(image, mask, { method: 'deepfillv2', options: { weights: join(out, 'generator.safetensors') } });
    expect([filled.width, filled.height]).toEqual([16, 16]);
  });

  /** The step count Adam recorded for the first parameter of each network. */
  async function adamSteps(path: string): Promise<{ generator: number; discriminator: number }> {
    const saved = await loadSafetensors(path);
    return tidy(() => {
      const read = (prefix: string) => Number(saved.get(`${prefix}.state.0.step`)!.item());
      return { generator: read('generator'), discriminator: read('discriminator') };
    });
  }

  it('a generator width that is not a multiple of 4: refused before any work', async () => {
    await expect(trainNetwork(deepFillV2Training, { imagesDir: photos, outDir: join(folder, 'odd'), options: { cnum: 6 }, steps: 1 }))
      .rejects.toThrow(/cnum/);
  });
});
