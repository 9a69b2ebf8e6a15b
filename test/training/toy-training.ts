/**
 * A network small enough to train in milliseconds, plugged into the shared loop as a real one is:
 * a one-layer generator (L1 plus a hinge term) and a one-layer discriminator (hinge).
 */
import { z } from 'zod';
import { Adam, cat, nn, type Tensor } from '../../src/torch/index.js';
import type { NetworkTraining, TrainingBatch } from '../../src/training/network-training.js';

const options = z.object({
  size: z.number().int().min(8).default(16),
  batch: z.number().int().min(1).default(2),
  lr: z.number().positive().default(1e-2),
  width: z.number().int().min(1).default(3).describe('discriminator output channels'),
});

export const toyTraining: NetworkTraining<typeof options> = {
  id: 'toy',
  options,
  lossTerms: [
    { name: 'd_loss', label: 'discriminator hinge' },
    { name: 'l1', label: 'L1' },
    { name: 'g_loss', label: 'generator total' },
  ],
  fixedOnResume: ['width'],
  create: ({ lr, width }) => {
    const generator = new nn.Conv2d(4, 3, 3, { padding: 1 });
    const discriminator = new nn.Conv2d(4, width, 3);
    const filled = ({ image, mask }: TrainingBatch): Tensor => generator.call(cat([image.mul(mask.neg().add(1)), mask], 1));
    return {
      generator: { module: generator, optimizer: new Adam(generator.parameters(), { lr }) },
      discriminator: { module: discriminator, optimizer: new Adam(discriminator.parameters(), { lr }) },
      predict: filled,
      discriminatorStep: (batch: TrainingBatch, fake: Tensor) => {
        const real = discriminator.call(cat([batch.image, batch.mask], 1));
        const made = discriminator.call(cat([fake.detach(), batch.mask], 1));
        const loss = real.neg().add(1).relu().mean().add(made.add(1).relu().mean());
        return { total: loss, terms: { d_loss: loss } };
      },
      generatorStep: (batch: TrainingBatch, fake: Tensor) => {
        const l1 = fake.sub(batch.image).abs().mean();
        const total = l1.sub(discriminator.call(cat([fake, batch.mask], 1)).mean().mul(0.1));
        return { total, terms: { l1, g_loss: total } };
      },
    };
  },
};
