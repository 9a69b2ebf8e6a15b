/**
 * FFVI through the shared training loop on clips made from two small generated photos (32x32
 * frames, 2 a clip, widths 2): checkpoints, its loss columns, resume, the trained generator as
 * `inpaint video --method ffvi --weights`, the temporal GAN turned on at a resume, and the
 * refusals (VGG terms without VGG16's file, every term turned off).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InvalidOptionError, MissingVggWeightsError } from '../../../src/core/errors.js';
import { createImage, createMask, type Image } from '../../../src/core/image.js';
import { ffviTraining } from '../../../src/models/ffvi/training.js';
import { inpaintVideo } from '../../../src/pipeline/inpaint-video.js';
import { loadSafetensors, tidy } from '../../../src/torch/index.js';
import { trainNetwork } from '../../../src/training/train-network.js';
import { stream } from '../../classical/propagate/synthetic-clip.js';
import { describeWithEngine } from '../../torch/engine.js';
import { writeTrainingPhotos } from '../../training/training-photos.js';

let folder: string;
let photos: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ffvi-train-'));
  photos = join(folder, 'photos');
  await writeTrainingPhotos(photos, 2);
});

afterAll(() => rm(folder, { recursive: true, force: true }));

const tiny = { size: 32, frames: 2, batch: 1, nf: 2, dNf: 2, off: 'vgg,style' };

describeWithEngine('FFVI training on clips', () => {
  it('2 steps, then resumed to 3: both Adams went on, 3 CSV rows, the generator usable by ffvi', async () => {
    const out = join(folder, 'run');
    const options = { imagesDir: photos, outDir: out, options: tiny, checkpointEvery: 1, seed: 2 };
    expect(await trainNetwork(ffviTraining, { ...options, steps: 2 })).toMatchObject({ step: 2 });
    expect(await trainNetwork(ffviTraining, { ...options, options: {}, steps: 3, resume: true })).toMatchObject({ step: 3 });
    const saved = await loadSafetensors(join(out, 'optimizers.safetensors'));
    expect(tidy(() => ['generator', 'discriminator'].map((prefix) => Number(saved.get(`${prefix}.state.0.step`)!.item())))).toEqual([3, 3]);

    const csv = (await readFile(join(out, 'losses.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('step,seconds,recon,vgg,style,ganTemporal,total,discriminator');
    for (const line of csv.slice(1)) {
      const [, , recon, vgg, style, gan, total, discriminator] = line.split(',').map(Number);
      // The terms turned off are logged as 0; the total is recon + 0.1 ganTemporal.
      expect([vgg, style]).toEqual([0, 0]);
      expect(total).toBeCloseTo(recon + 0.1 * gan, 5);
      expect(recon > 0 && gan > 0 && discriminator > 0).toBe(true);
    }
    expect(csv.slice(1).map((line) => Number(line.split(',')[0]))).toEqual([1, 2, 3]);
    expect(JSON.parse(await readFile(join(out, 'training.json'), 'utf8'))).toMatchObject({ model: 'ffvi', step: 3, options: { nf: 2, frames: 2 } });

    const frames: Image[] = Array.from({ length: 3 }, (_, f) => createImage(16, 12, new Uint8Array(16 * 12 * 3).map((_, i) => (i * 29 + f * 7) % 251)));
    const hole = createMask(16, 12, new Uint8Array(16 * 12).map((_, p) => (p % 16 > 4 && p % 16 < 10 && p > 48 && p < 144 ? 1 : 0)));
    const filled: Image[] = [];
    const weights = join(out, 'generator.safetensors');
    for await (const frame of inpaintVideo(stream(frames), stream(frames.map(() => hole)), { method: 'ffvi', options: { weights, width: 16, height: 12 } })) filled.push(frame);
    expect(filled.map((f) => [f.width, f.height])).toEqual(frames.map(() => [16, 12]));
  }, 120_000);

  it('the temporal GAN off, then resumed with it on (the authors\' fine-tuning): the T-PatchGAN trained all along', async () => {
    const out = join(folder, 'fine-tune');
    const options = { imagesDir: photos, outDir: out, checkpointEvery: 1, seed: 4 };
    await trainNetwork(ffviTraining, { ...options, options: { ...tiny, off: 'vgg,style,ganTemporal' }, steps: 1 });
    await trainNetwork(ffviTraining, { ...options, options: { off: 'vgg,style' }, steps: 2, resume: true });
    const rows = (await readFile(join(out, 'losses.csv'), 'utf8')).trim().split('\n').slice(1).map((line) => line.split(',').map(Number));
    // Columns: step, seconds, recon, vgg, style, ganTemporal, total, discriminator.
    expect(rows.map((row) => row[5] > 0)).toEqual([false, true]);
    expect(rows.every((row) => row[7] > 0)).toBe(true);
    expect(rows[0][6]).toBe(rows[0][2]);
  }, 120_000);

  it('the VGG terms without VGG16\'s file, and every term turned off: refused', async () => {
    const saved = process.env.INPAINT_WEIGHTS;
    process.env.INPAINT_WEIGHTS = join(folder, 'no-weights');
    try {
      await expect(ffviTraining.create(ffviTraining.options.parse({ ...tiny, off: '' }))).rejects.toThrow(MissingVggWeightsError);
    } finally {
      if (saved === undefined) delete process.env.INPAINT_WEIGHTS;
      else process.env.INPAINT_WEIGHTS = saved;
    }
    await expect(ffviTraining.create(ffviTraining.options.parse({ ...tiny, off: 'recon,vgg,style,ganTemporal' }))).rejects.toThrow(InvalidOptionError);
  });
});
