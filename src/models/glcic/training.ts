/**
 * Training GLCIC as the paper describes it (the official training code was never published): the
 * completion network against the context discriminator (a global and a local discriminator), per
 * step one discriminator update on real and completed images, then one completion-network update
 * on the hole's MSE plus alpha times the adversarial loss (losses.ts). The loop, data, checkpoints
 * and loss log are the shared ones (src/training/). Not as the paper: Adam instead of ADADELTA
 * (the shared loop's optimiser), and the three phases (MSE alone, discriminator alone, then both)
 * are one joint phase. A trained network stores the mean it subtracts (0.5 per channel) as the
 * official release does, so `--weights` takes its generator.safetensors like a release file.
 */
import { z } from 'zod';
import { Adam, type Tensor } from '../../torch/index.js';
import type { NetworkTraining, TrainingBatch } from '../../training/network-training.js';
import { CompletionNetwork } from './completion-network.js';
import { ContextDiscriminator } from './context-discriminator.js';
import { cropPatches, patchCorners } from './local-patch.js';
import { ALPHA, completionLoss, discriminatorLoss } from './losses.js';

const options = z.object({
  size: z.number().int().min(64).multipleOf(64).default(256).describe('Crop size in pixels, a multiple of 64 (the paper: 256)'),
  batch: z.number().int().min(1).default(4).describe('Crops per step (the paper: 96)'),
  lr: z.number().positive().default(1e-4).describe("Adam's learning rate, both networks"),
  width: z.number().int().min(2).multipleOf(2).default(64).describe('Completion network width (official: 64); smaller trains faster'),
  dWidth: z.number().int().min(1).default(64).describe("Discriminators' first width (the paper: 64)"),
  alpha: z.number().nonnegative().default(ALPHA).describe('Weight of the adversarial loss (the paper: 0.0004)'),
});

/** The completion network's output on a batch, the completed image, and where the local patches lie. */
interface GlcicPrediction {
  readonly output: Tensor;
  readonly completed: Tensor;
  readonly corners: [number, number][];
}

export const glcicTraining: NetworkTraining<typeof options> = {
  id: 'glcic',
  options,
  lossTerms: [
    { name: 'd_loss', label: 'discriminator: alpha BCE (real, completed)' },
    { name: 'g_gan', label: 'completion: BCE of D(completed) against real' },
    { name: 'mse', label: 'completion: hole MSE' },
    { name: 'g_loss', label: 'completion total (MSE + alpha BCE)' },
  ],
  fixedOnResume: ['width', 'dWidth', 'size'],
  create: ({ size, lr, width, dWidth, alpha }) => {
    const completion = new CompletionNetwork({ width });
    const discriminator = new ContextDiscriminator({ size, width: dWidth });
    return {
      generator: { module: completion, optimizer: new Adam(completion.parameters(), { lr }), metadata: { model: 'glcic', width: String(width) } },
      discriminator: { module: discriminator, optimizer: new Adam(discriminator.parameters(), { lr }), metadata: { width: String(dWidth) } },
      predict: ({ image, mask }: TrainingBatch): GlcicPrediction => {
        const output = completion.call(image, mask);
        return { output, completed: output.mul(mask).add(image.mul(mask.neg().add(1))), corners: patchCorners(mask) };
      },
      discriminatorStep: ({ image }: TrainingBatch, { completed, corners }: GlcicPrediction) => {
        const fake = completed.detach();
        const dLoss = discriminatorLoss(discriminator.call(image, cropPatches(image, corners)), discriminator.call(fake, cropPatches(fake, corners)), alpha);
        return { total: dLoss, terms: { d_loss: dLoss } };
      },
      generatorStep: ({ image, mask }: TrainingBatch, { output, completed, corners }: GlcicPrediction) => {
        const { mse, gan, total } = completionLoss(output, image, mask, discriminator.call(completed, cropPatches(completed, corners)), alpha);
        return { total, terms: { g_gan: gan, mse, g_loss: total } };
      },
    };
  },
};
