/**
 * DFC-Net's training step against tools/train_initial.py's loop body run by python3-torch
 * (make_fixtures.py --training-step): a [1, 1, 1, 1] network with seeded weights in training mode,
 * two steps of the shared loop's trainingStep on the same stacks: the loss terms, and the change
 * each step made to conv1, a layer1 and a layer4 convolution, the 10x head (SGD with momentum and
 * weight decay over the official parameter groups), and a frozen batch norm (none).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { dfcTrainingSession } from '../../../src/models/dfcnet/training.js';
import { tidy, zeros, type Tensor } from '../../../src/torch/index.js';
import { trainingStep } from '../../../src/training/training-step.js';
import { fixtureTensors, maxAbsDiff } from '../fixture-tensors.js';
import { describeWithEngine } from '../../torch/engine.js';
import { seededDfcNet } from './seeded-dfcnet.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'dfcnet');

/** The watched parameters, by the fixture's name: the official name and the slice kept. */
const watched: Record<string, [string, (t: Tensor) => Tensor]> = {
  conv1: ['conv1.weight', (t) => t.narrow(0, 0, 2)],
  layer1: ['layer1.0.conv1.weight', (t) => t],
  layer4: ['layer4.0.conv2.weight', (t) => t.narrow(0, 0, 1)],
  head_weight: ['layer5.conv1.weight', (t) => t],
  head_bias: ['layer5.conv1.bias', (t) => t],
  frozen_bn: ['layer2.0.bn1.weight', (t) => t],
};

describeWithEngine('DFC-Net training step as tools/train_initial.py', () => {
  const { want, metadata } = fixtureTensors(join(folder, 'training-step.safetensors'));

  it('two steps: loss terms to 1e-4, parameter changes to 2e-3 of the largest, the frozen batch norm unchanged', () => {
    const net = seededDfcNet({ layers: [1, 1, 1, 1], inChannels: 33, outChannels: 2, head: 'single-scale' }, 24).train();
    let step = 0;
    const session = dfcTrainingSession(net, Number(metadata.lr), () => ({
      input: want(`step${step}_input`), target: want(`step${step}_target`), hole: want(`step${step}_hole`),
    }));
    const params = new Map(net.namedParameters());
    const batch = { image: zeros([2, 12, 3, 8, 8]), mask: zeros([2, 12, 1, 8, 8]) };
    for (; step < 2; step++) {
      const before = new Map(Object.entries(watched).map(([key, [name, slice]]) => [key, slice(params.get(name)!).clone()]));
      const terms = tidy(() => trainingStep(session, batch));
      const [recon, hard, total] = want(`step${step}_losses`).toArray() as Float32Array;
      expect(Math.abs(terms.recon - recon)).toBeLessThan(1e-4 * recon);
      expect(Math.abs(terms.hard - hard)).toBeLessThan(1e-4 * hard);
      expect(Math.abs(terms.total - total)).toBeLessThan(1e-4 * total);
      for (const [key, [name, slice]] of Object.entries(watched)) {
        const delta = slice(params.get(name)!).sub(before.get(key)!);
        const expected = want(`step${step}_delta_${key}`);
        const largest = expected.abs().amax().item() as number;
        if (key === 'frozen_bn') {
          expect(delta.abs().amax().item()).toBe(0);
          expect(largest).toBe(0);
        } else {
          expect(largest).toBeGreaterThan(0);
          expect(maxAbsDiff(delta, expected) / largest, `${name} at step ${step}`).toBeLessThan(2e-3);
        }
      }
    }
  });
});
