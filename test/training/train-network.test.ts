/**
 * The shared training loop with a one-layer network (toy-training.ts) on generated photos: a
 * resumed run equals an unbroken one, checkpoints refused when corrupt or mismatched (and left as
 * they were), options checked, progress reported.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';
import type { NetworkTraining, TrainingBatch } from '../../src/training/network-training.js';
import { trainNetwork, type TrainingProgress } from '../../src/training/train-network.js';
import { useTempFolder } from '../io/temp-folder.js';
import { describeWithEngine } from '../torch/engine.js';
import { toyTraining } from './toy-training.js';
import { writeTrainingPhotos } from './training-photos.js';

const tempFolder = useTempFolder();
let photos: string;

beforeAll(async () => {
  photos = await mkdtemp(join(tmpdir(), 'train-network-photos-'));
  await writeTrainingPhotos(photos, 3, 40, 30);
});

afterAll(() => rm(photos, { recursive: true, force: true }));

const checkpointFiles = ['generator.safetensors', 'discriminator.safetensors', 'optimizers.safetensors'];

describeWithEngine('trainNetwork', () => {
  it('3 steps then resumed to 6 gives the same weights, optimizers, random state and losses as 6 steps in one run', async () => {
    const base = { imagesDir: photos, checkpointEvery: 2, seed: 11 };
    const unbroken = join(await tempFolder(), 'unbroken');
    await trainNetwork(toyTraining, { ...base, outDir: unbroken, steps: 6 });
    const resumed = join(await tempFolder(), 'resumed');
    await trainNetwork(toyTraining, { ...base, outDir: resumed, steps: 3 });
    await trainNetwork(toyTraining, { ...base, outDir: resumed, steps: 6, resume: true });

    for (const file of checkpointFiles) {
      expect(Buffer.compare(await readFile(join(resumed, file)), await readFile(join(unbroken, file))), file).toBe(0);
    }
    const state = async (folder: string) => {
      const { seconds: _, ...rest } = JSON.parse(await readFile(join(folder, 'training.json'), 'utf8'));
      return rest;
    };
    expect(await state(resumed)).toEqual(await state(unbroken));
    // The loss columns without the seconds column.
    const losses = async (folder: string) => (await readFile(join(folder, 'losses.csv'), 'utf8')).trim().split('\n').map((line) => line.split(',').filter((_, i) => i !== 1));
    const rows = await losses(resumed);
    expect(rows[0]).toEqual(['step', 'd_loss', 'l1', 'g_loss']);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows).toEqual(await losses(unbroken));
  });

  it('a corrupt optimizer file on --resume is an error naming it, and the checkpoint is left as it was', async () => {
    const out = await tempFolder();
    await trainNetwork(toyTraining, { imagesDir: photos, outDir: out, steps: 2 });
    const garbage = Buffer.from('not a safetensors file at all');
    await writeFile(join(out, 'optimizers.safetensors'), garbage);
    const before = await Promise.all(['generator.safetensors', 'training.json', 'losses.csv'].map((f) => readFile(join(out, f))));
    await expect(trainNetwork(toyTraining, { imagesDir: photos, outDir: out, steps: 4, resume: true }))
      .rejects.toThrow(/optimizers\.safetensors/);
    expect(Buffer.compare(await readFile(join(out, 'optimizers.safetensors')), garbage)).toBe(0);
    const after = await Promise.all(['generator.safetensors', 'training.json', 'losses.csv'].map((f) => readFile(join(out, f))));
    after.forEach((bytes, i) => expect(Buffer.compare(bytes, before[i])).toBe(0));
  });

  it('checkpoint files of different steps (a run stopped while writing) are refused', async () => {
    const early = await tempFolder();
    await trainNetwork(toyTraining, { imagesDir: photos, outDir: early, steps: 1 });
    const out = await tempFolder();
    await trainNetwork(toyTraining, { imagesDir: photos, outDir: out, steps: 2 });
    await copyFile(join(early, 'discriminator.safetensors'), join(out, 'discriminator.safetensors'));
    await expect(trainNetwork(toyTraining, { imagesDir: photos, outDir: out, steps: 3, resume: true }))
      .rejects.toThrow(/discriminator\.safetensors: expected the discriminator file of the checkpoint at step 2 .* but received the file of step 1/);
  });

  it('a missing optimizer file on --resume is an error too', async () => {
    const out = await tempFolder();
    await trainNetwork(toyTraining, { imagesDir: photos, outDir: out, steps: 1 });
    await rm(join(out, 'optimizers.safetensors'));
    await expect(trainNetwork(toyTraining, { imagesDir: photos, outDir: out, steps: 2, resume: true })).rejects.toThrow(InvalidInputError);
  });

  it('options: unknown keys and bad values refused; on resume the saved ones kept, a shape-fixing one not changed', async () => {
    const out = await tempFolder();
    await expect(trainNetwork(toyTraining, { imagesDir: photos, outDir: out, steps: 1, options: { depth: 3 } })).rejects.toThrow(/depth/);
    await expect(trainNetwork(toyTraining, { imagesDir: photos, outDir: out, steps: 1, options: { batch: 0 } })).rejects.toThrow(InvalidOptionError);
    await trainNetwork(toyTraining, { imagesDir: photos, outDir: out, steps: 1, options: { width: 2, size: 12 } });
    await expect(trainNetwork(toyTraining, { imagesDir: photos, outDir: out, steps: 2, resume: true, options: { width: 3 } }))
      .rejects.toThrow(/toy option width/);
    await trainNetwork(toyTraining, { imagesDir: photos, outDir: out, steps: 2, resume: true, options: { lr: 0.5 } });
    expect(JSON.parse(await readFile(join(out, 'training.json'), 'utf8')).options).toEqual({ size: 12, batch: 2, lr: 0.5, width: 2 });
  });

  it('an existing run without --resume, or of another network, is refused; no limit is refused', async () => {
    const out = await tempFolder();
    await trainNetwork(toyTraining, { imagesDir: photos, outDir: out, steps: 1 });
    await expect(trainNetwork(toyTraining, { imagesDir: photos, outDir: out, steps: 2 })).rejects.toThrow(/--resume/);
    const other: typeof toyTraining = { ...toyTraining, id: 'other' };
    await expect(trainNetwork(other, { imagesDir: photos, outDir: out, steps: 2, resume: true })).rejects.toThrow(/a toy run/);
    await expect(trainNetwork(toyTraining, { imagesDir: photos, outDir: out })).rejects.toThrow(/steps or minutes/);
  });

  it('reports each step with its loss terms, how far the run is and the time left', async () => {
    const seen: TrainingProgress[] = [];
    await trainNetwork(toyTraining, { imagesDir: photos, outDir: await tempFolder(), steps: 4, onStep: (p) => seen.push(p) });
    expect(seen.map((p) => p.step)).toEqual([1, 2, 3, 4]);
    expect(seen.map((p) => p.fraction)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(seen.at(-1)!.secondsLeft).toBe(0);
    for (const p of seen) {
      expect(Object.keys(p.terms)).toEqual(['d_loss', 'l1', 'g_loss']);
      expect(p.secondsLeft).toBeGreaterThanOrEqual(0);
    }
  });

  it('steps returning terms other than the declared ones: an error, not a log with missing columns', async () => {
    const wrong: typeof toyTraining = { ...toyTraining, lossTerms: [...toyTraining.lossTerms, { name: 'extra', label: 'extra' }] };
    await expect(trainNetwork(wrong, { imagesDir: photos, outDir: await tempFolder(), steps: 1 })).rejects.toThrow(/extra/);
  });

  it('a network that trains on clips gets [B, T, 3, S, S] batches of its frames option; without frames it is refused', async () => {
    const shapes: number[][] = [];
    const clipOptions = toyTraining.options.extend({ frames: z.number().int().min(1).default(3) });
    const onClips: NetworkTraining<typeof clipOptions> = {
      ...toyTraining,
      id: 'toy-clips',
      data: 'clips',
      options: clipOptions,
      create: async (options) => {
        const session = await toyTraining.create(options);
        // The toy's layers take frames as a batch of images: [B, T, C, S, S] -> [B*T, C, S, S].
        const frames = (batch: TrainingBatch): TrainingBatch => {
          shapes.push(batch.image.shape, batch.mask.shape);
          const [b, t, , s] = batch.image.shape;
          return { image: batch.image.reshape(b * t, 3, s, s), mask: batch.mask.reshape(b * t, 1, s, s) };
        };
        return {
          ...session,
          predict: (batch) => session.predict(frames(batch)),
          discriminatorStep: (batch, fake) => session.discriminatorStep!(frames(batch), fake),
          generatorStep: (batch, fake) => session.generatorStep(frames(batch), fake),
        };
      },
    };
    await trainNetwork(onClips, { imagesDir: photos, outDir: await tempFolder(), steps: 1, options: { frames: 4 } });
    expect(shapes[0]).toEqual([2, 4, 3, 16, 16]);
    expect(shapes[1]).toEqual([2, 4, 1, 16, 16]);
    const noFrames: typeof toyTraining = { ...toyTraining, data: 'clips' };
    await expect(trainNetwork(noFrames, { imagesDir: photos, outDir: await tempFolder(), steps: 1 })).rejects.toThrow(/its options need frames/);
  });
});
