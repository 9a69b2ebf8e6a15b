/**
 * Training DeepFill v2 as the port trains it (nipponjo/deepfillv2-pytorch, train.py): per step,
 * one discriminator update on real and filled images (hinge loss), then one generator update on
 * L1 of both stages plus the generator hinge loss, Adam for both (betas 0.5, 0.999). The loop,
 * data, checkpoints and loss log are the shared ones (src/training/).
 */
import { z } from 'zod';
import { hinge } from '../../losses/index.js';
import { Adam, cat, type Tensor } from '../../torch/index.js';
import type { NetworkTraining, TrainingBatch } from '../../training/network-training.js';
import { SNPatchGANDiscriminator } from './discriminator.js';
import { DeepFillGenerator } from './generator.js';
import { networkInput } from './inpaint.js';
import { reconstructionLoss } from './losses.js';

const options = z.object({
  size: z.number().int().min(64).multipleOf(8).default(256).describe('Crop size in pixels, a multiple of 8'),
  batch: z.number().int().min(1).default(4).describe('Crops per step'),
  lr: z.number().positive().default(1e-4).describe("Adam's learning rate, both networks"),
  cnum: z.number().int().min(4).multipleOf(4).default(48).describe('Generator width (official: 48); smaller trains faster'),
  dCnum: z.number().int().min(1).default(64).describe('Discriminator width (the port: 64)'),
});

/** The generator's stages on a batch, and the composite its discriminator judges. */
interface DeepFillPrediction {
  /** The batch's image in [-1, 1], the generator's range. */
  readonly real: Tensor;
  readonly coarse: Tensor;
  readonly refined: Tensor;
  /** Known pixels from the photo, the hole from the refined stage. */
  readonly complete: Tensor;
}

export const deepFillV2Training: NetworkTraining<typeof options> = {
  id: 'deepfillv2',
  options,
  lossTerms: [
    { name: 'd_loss', label: 'discriminator hinge' },
    { name: 'g_gan', label: 'generator hinge' },
    { name: 'ae_loss', label: 'L1 reconstruction (both stages)' },
    { name: 'g_loss', label: 'generator total (hinge + L1)' },
  ],
  fixedOnResume: ['cnum', 'dCnum'],
  create: ({ lr, cnum, dCnum }) => {
    const generator = new DeepFillGenerator({ cnum });
    const discriminator = new SNPatchGANDiscriminator({ cnum: dCnum });
    const adam = { lr, betas: [0.5, 0.999] as const };
    return {
      generator: { module: generator, optimizer: new Adam(generator.parameters(), adam), metadata: { model: 'deepfillv2', cnum: String(cnum) } },
      discriminator: { module: discriminator, optimizer: new Adam(discriminator.parameters(), adam), metadata: { cnum: String(dCnum) } },
      predict: ({ image, mask }: TrainingBatch): DeepFillPrediction => {
        const real = image.mul(2).sub(1);
        const { coarse, refined } = generator.call(networkInput(real, mask), mask);
        return { real, coarse, refined, complete: refined.mul(mask).add(real.mul(mask.neg().add(1))) };
      },
      // Real and filled images (with the mask) in one batch, as the port does.
      discriminatorStep: ({ mask }: TrainingBatch, { real, complete }: DeepFillPrediction) => {
        const scores = discriminator.call(cat([cat([real, mask], 1), cat([complete.detach(), mask], 1)]));
        const [dReal, dFake] = scores.split(real.shape[0]);
        const dLoss = hinge.discriminator(dReal, dFake);
        return { total: dLoss, terms: { d_loss: dLoss } };
      },
      // L1 of both stages plus fooling the just-updated discriminator.
      generatorStep: ({ mask }: TrainingBatch, { real, coarse, refined, complete }: DeepFillPrediction) => {
        const ae = reconstructionLoss(real, coarse, refined);
        const gGan = hinge.generator(discriminator.call(cat([complete, mask], 1)));
        const gLoss = gGan.add(ae);
        return { total: gLoss, terms: { g_gan: gGan, ae_loss: ae, g_loss: gLoss } };
      },
    };
  },
};
