/**
 * The sampling correctness loss against the official `PerceptualCorrectness` run by python3-torch
 * (test/fixtures/models/structureflow/make_loss_fixture.py, a seeded VGG19 drawn again here): the
 * loss to 1e-5 and its gradient with respect to the flow (through our Gaussian sampling's
 * backward) to 1e-3 of its largest entry.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { VggFeatures } from '../../../src/losses/vgg.js';
import { correctnessLoss } from '../../../src/models/structureflow/correctness-loss.js';
import { autograd, tidy, type Tensor } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';
import { fixtureTensors, maxAbsDiff } from '../fixture-tensors.js';
import { seededHe } from '../edgeconnect/seeded-weights.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'structureflow');

describeWithEngine('StructureFlow sampling correctness loss', () => {
  const { want } = fixtureTensors(join(folder, 'loss.safetensors'));

  it('gives the official loss and flow gradient', () => {
    const vgg = seededHe(new VggFeatures(19, ['relu3_1']), 43);
    tidy(() => {
      const flow = want('flow').clone().requiresGrad_();
      const [gtFeatures] = vgg.call(want('gts'));
      const [inputFeatures] = vgg.call(want('inputs'));
      const loss = correctnessLoss(gtFeatures, inputFeatures, flow, want('maps'));
      expect(Math.abs((loss.item() as number) - (want('loss').item() as number))).toBeLessThan(1e-5);
      const [grad] = autograd.grad([loss], [flow]) as Tensor[];
      const scale = want('grad_flow').abs().amax().item() as number;
      expect(scale).toBeGreaterThan(0);
      expect(maxAbsDiff(grad, want('grad_flow')) / scale).toBeLessThan(1e-3);
    });
    vgg.dispose();
  });
});
