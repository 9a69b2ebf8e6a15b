/**
 * DFC-Net training on clip batches (a panning texture with moving holes, the layout the shared
 * loop's clips have): steps with finite, falling-when-repeated losses; the checkpoint keeps SGD's
 * momentum; the trained generator.safetensors is what `propagate --set flowCompletion=dfc --weights` loads
 * (loadDfcNet, as propagate-dfc.test.ts runs it) and gives the trained network; and the same
 * through the shared loop (trainNetwork on photo clips, resumed).
 */
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { dfcNetTraining } from '../../../src/models/dfcnet/training.js';
import { loadDfcNet } from '../../../src/models/dfcnet/weights.js';
import { getVideoMethod } from '../../../src/methods.js';
import { parseOptions } from '../../../src/registry/parse-options.js';
import { decodeSafetensors, manualSeed, noGrad, tensor, tidy, type Tensor } from '../../../src/torch/index.js';
import { TrainingCheckpoint } from '../../../src/training/checkpoint.js';
import { trainNetwork } from '../../../src/training/train-network.js';
import type { TrainingBatch } from '../../../src/training/network-training.js';
import { trainingStep } from '../../../src/training/training-step.js';
import { describeWithEngine } from '../../torch/engine.js';
import { writeTrainingPhotos } from '../../training/training-photos.js';

const size = 32, frames = 12;

/** One clip [1, T, 3, S, S] of a texture the camera pans across, a box hole moving the other way. */
function panningClip(): TrainingBatch {
  const image = new Float32Array(frames * 3 * size * size);
  const mask = new Float32Array(frames * size * size);
  for (let t = 0; t < frames; t++) {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const u = x + 1.5 * t, v = y + 0.5 * t;
        for (let c = 0; c < 3; c++) image[((t * 3 + c) * size + y) * size + x] = 0.5 + 0.25 * Math.sin(u * (0.5 + 0.1 * c) + Math.cos(v * 0.45));
        mask[(t * size + y) * size + x] = y >= 10 && y < 22 && x >= 18 - t && x < 30 - t ? 1 : 0;
      }
    }
  }
  return { image: tensor(image, [1, frames, 3, size, size]), mask: tensor(mask, [1, frames, 1, size, size]) };
}

const options = () => dfcNetTraining.options.parse({ size, batch: 1, blocks: '1,1,1,1', lr: 1e-3 });

describeWithEngine('DFC-Net training on clips', () => {
  const folder = mkdtempSync(join(tmpdir(), 'dfcnet-train-'));

  it('defaults: the official network and optimiser settings, clips of 12 frames', () => {
    expect(dfcNetTraining.data).toBe('clips');
    expect(parseOptions(dfcNetTraining, {})).toMatchObject({ frames: 12, lr: 1e-4, blocks: '3,4,23,3', head: 'single-scale' });
    expect(() => parseOptions(dfcNetTraining, { frames: 8 })).toThrow(/frames/);
    expect(() => parseOptions(dfcNetTraining, { blocks: '3,4,23' })).toThrow(/blocks/);
  });

  it('steps on one clip lower its loss; the checkpoint restores SGD\'s momentum; the generator file loads as the network trained', async () => {
    manualSeed(5);
    const session = await dfcNetTraining.create(options());
    session.generator.module.train();
    const batch = panningClip();
    const losses = Array.from({ length: 3 }, () => tidy(() => trainingStep(session, batch)));
    for (const terms of losses) {
      expect(terms.total).toBeCloseTo(terms.recon + 2 * terms.hard, 4);
      expect(Number.isFinite(terms.total)).toBe(true);
    }
    expect(losses[2].total).toBeLessThan(losses[0].total);

    const out = join(folder, 'run');
    const checkpoint = new TrainingCheckpoint(out);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(out, { recursive: true });
    const state = { model: 'dfcnet', step: 4, seconds: 1, randomState: 1, seed: 5, options: options() };
    await checkpoint.write(session, state);
    const resumed = await dfcNetTraining.create(options());
    resumed.generator.module.train();
    await checkpoint.restore(resumed, state);
    const buffers = (s: typeof session) => s.generator.optimizer.stateDict();
    const [saved, restored] = [buffers(session), buffers(resumed)];
    expect([...restored.keys()]).toEqual([...saved.keys()]);
    expect(saved.size).toBeGreaterThan(10);
    // The trained file is what --weights takes: the network read back is the one trained.
    const weights = checkpoint.file('generator');
    const loaded = await loadDfcNet(weights);
    expect(loaded.config).toMatchObject({ layers: [1, 1, 1, 1], head: 'single-scale' });
    noGrad(() => tidy(() => {
      const x = tensor(new Float32Array(33 * 16 * 16).map((_, i) => Math.sin(i)), [1, 33, 16, 16]);
      session.generator.module.eval();
      const own = (session.generator.module as unknown as { call(x: Tensor): Tensor }).call(x);
      expect(loaded.call(x).sub(own).abs().amax().item()).toBeLessThan(1e-6);
    }));
    session.generator.module.train();
    const next = [session, resumed].map((s) => tidy(() => trainingStep(s, batch)).total);
    expect(next[1]).toBeCloseTo(next[0], 5);

    expect(parseOptions(getVideoMethod('propagate'), { flowCompletion: 'dfc', weights })).toMatchObject({ weights });
  }, 180_000); // about 10 s on an idle machine; the shared cores make it many times that

  it('through the shared loop on photo clips: 2 steps, resumed to 3, SGD momentum in the checkpoint, weights for propagate', async () => {
    const photos = join(folder, 'photos');
    await writeTrainingPhotos(photos, 2, 96, 80);
    const out = join(folder, 'loop');
    const run = { imagesDir: photos, outDir: out, checkpointEvery: 1, seed: 2, options: { size, batch: 1, blocks: '1,1,1,1' } };
    expect(await trainNetwork(dfcNetTraining, { ...run, steps: 2 })).toMatchObject({ step: 2 });
    expect(await trainNetwork(dfcNetTraining, { ...run, options: {}, steps: 3, resume: true })).toMatchObject({ step: 3 });
    const csv = (await readFile(join(out, 'losses.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('step,seconds,recon,hard,total');
    expect(csv.slice(1).map((line) => Number(line.split(',')[0]))).toEqual([1, 2, 3]);
    const { stateDict } = decodeSafetensors(await readFile(join(out, 'optimizers.safetensors')));
    expect([...stateDict.keys()].every((key) => /^generator\.state\.\d+\.momentum_buffer$/.test(key))).toBe(true);
    expect(stateDict.size).toBeGreaterThan(10);
    expect((await loadDfcNet(join(out, 'generator.safetensors'))).config.layers).toEqual([1, 1, 1, 1]);
  }, 180_000);
});
