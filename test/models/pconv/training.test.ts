/**
 * pconv's training as the shared loop runs it: one step on the parity fixture's batch (its image
 * back in [0, 1], its mask as a hole) gives naoto0804's InpaintingLoss terms (make_fixtures.py),
 * so the step converts range and mask as train.py's data does; fine-tuning freezes the encoder's
 * batch norms and uses lrFinetune; a VGG term left on without torchvision's file is refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MissingVggWeightsError } from '../../../src/core/errors.js';
import { IMAGENET_MEAN, IMAGENET_STD } from '../../../src/losses/index.js';
import { pconvTraining } from '../../../src/models/pconv/training.js';
import type { PConvUNet } from '../../../src/models/pconv/pconv-unet.js';
import { trainingStep } from '../../../src/training/training-step.js';
import { randn, saveSafetensors, tensor, tidy } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';
import { fixtureTensors } from '../fixture-tensors.js';
import { seededPConv, seededVgg } from './seeded-weights.js';

const fixture = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'pconv', 'tensors.safetensors');
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pconv-training-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

/** make_fixtures.py's seeded VGG16 to pool3, written as a weights file. */
async function seededVggFile(): Promise<string> {
  const vgg = seededVgg(6);
  const path = join(folder, 'vgg16.safetensors');
  await saveSafetensors(path, vgg.stateDict());
  vgg.dispose();
  return path;
}

const settings = (raw: Record<string, unknown>) => ({ ...pconvTraining.options.parse(raw), size: raw.size as number, batch: raw.batch as number });

describeWithEngine('pconv training', () => {
  it("one step through the shared step on the fixture's batch gives naoto0804's loss terms", async () => {
    const { want } = fixtureTensors(fixture);
    const session = await pconvTraining.create(settings({ size: 32, batch: 2, layerSize: 5, width: 4, lr: 1e-3, vgg: await seededVggFile() }));
    const net = session.generator.module as PConvUNet;
    seededPConv(net, 5, true);
    net.train();
    const losses = tidy(() => {
      const image = want('gt').mul(tensor([...IMAGENET_STD], [1, 3, 1, 1])).add(tensor([...IMAGENET_MEAN], [1, 3, 1, 1]));
      const hole = want('mask').narrow(1, 0, 1).neg().add(1);
      return trainingStep(session, { image, mask: hole });
    });
    for (const name of ['valid', 'hole', 'tv', 'prc', 'style', 'total']) {
      const expected = want(`loss.${name}`).item() as number;
      expect(Math.abs(losses[name] - expected) / Math.abs(expected), name).toBeLessThanOrEqual(1e-4);
    }
    net.dispose();
  });

  it('fine-tuning freezes the encoder batch norms; VGG terms without the file are refused unless turned off', async () => {
    const session = await pconvTraining.create(settings({ size: 16, batch: 1, layerSize: 4, width: 2, finetune: true, off: 'prc, style' }));
    const net = session.generator.module as PConvUNet;
    net.train();
    expect(net.encoders.filter((layer) => layer.bn).every((layer) => !layer.bn!.training)).toBe(true);
    expect(net.decoders.filter((layer) => layer.bn).every((layer) => layer.bn!.training)).toBe(true);
    const terms = tidy(() => trainingStep(session, { image: randn([1, 3, 16, 16]).sigmoid(), mask: randn([1, 1, 16, 16]).gt(0).mul(1) }));
    expect([terms.prc, terms.style]).toEqual([0, 0]);
    expect(terms.total).toBeGreaterThan(0);
    net.dispose();
    await expect(pconvTraining.create(settings({ size: 16, batch: 1, layerSize: 4, width: 2, vgg: join(folder, 'none.pth') }))).rejects.toThrow(MissingVggWeightsError);
  });
});
