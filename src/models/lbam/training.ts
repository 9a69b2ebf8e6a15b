/**
 * Training LBAM as the official train.py and loss/InpaintingLoss.py train it: per step, the
 * two-column critic's update (its loss as the official code writes it, with the gradient penalty;
 * Adam lr 1e-5, betas 0, 0.9), then the generator's (hole, valid, VGG16 perceptual and style,
 * + 0.1 mean D(output); Adam lr 1e-4, betas 0.5, 0.9). The loop, data, checkpoints and loss log
 * are the shared ones (src/training/).
 *
 * One ordering differs, of necessity: the official generator loss reuses D(output) from before the
 * critic's Adam step, whose in-place update makes that backward fail on PyTorch >= 1.5 (and on
 * 1.0-1.3, which the authors used, mixes activations of the old critic with its new weights).
 * Here the generator's term runs the just-updated critic, as the shared loop does for every GAN.
 *
 * The VGG16 terms need torchvision's `vgg16-397923af.pth` in the weights folder; without it the
 * run stops with MissingVggWeightsError unless the terms are turned off (`--set off=perceptual,style`).
 */
import { z } from 'zod';
import { loadVggFeatures, lossTermsRecord, PCONV_VGG16_LAYERS, resolveLossTerms, type LossTerm } from '../../losses/index.js';
import { Adam, rand, type Tensor } from '../../torch/index.js';
import { weightsFolder } from '../../weights/weights-folder.js';
import type { NetworkTraining, TrainingBatch } from '../../training/network-training.js';
import { DiscriminatorDoubleColumn } from './discriminator.js';
import { LbamGenerator } from './generator.js';
import { lbamInputs } from './inpaint.js';
import { LBAM_LOSS_WEIGHTS, lbamCriticLoss, lbamGeneratorLoss, type FeatureExtractor } from './losses.js';

const paperTerms: LossTerm[] = [
  { name: 'hole', weight: LBAM_LOSS_WEIGHTS.hole },
  { name: 'valid', weight: LBAM_LOSS_WEIGHTS.valid },
  { name: 'perceptual', weight: LBAM_LOSS_WEIGHTS.perceptual, vgg: 16 },
  { name: 'style', weight: LBAM_LOSS_WEIGHTS.style, vgg: 16 },
  { name: 'adversarial', weight: LBAM_LOSS_WEIGHTS.adversarial },
];

const options = z.object({
  size: z.number().int().min(256).multipleOf(128).default(256).describe('Crop size in pixels (the discriminator needs at least 256)'),
  batch: z.number().int().min(1).default(4).describe('Crops per step (train.py: 16)'),
  lr: z.number().positive().default(1e-4).describe("The generator's Adam learning rate"),
  dLr: z.number().positive().default(1e-5).describe("The critic's Adam learning rate"),
  width: z.number().int().min(8).default(64).describe('Generator width (official: 64); smaller trains faster'),
  dWidth: z.number().int().min(1).default(64).describe('Discriminator width (official: 64)'),
  off: z.string().default('').describe('Loss terms turned off, comma-separated (hole, valid, perceptual, style, adversarial)'),
});

interface LbamPrediction {
  readonly valid: Tensor;
  readonly input: Tensor;
  readonly output: Tensor;
}

export const lbamTraining: NetworkTraining<typeof options> = {
  id: 'lbam',
  options,
  lossTerms: [
    { name: 'd_loss', label: 'critic (official sign) + gradient penalty' },
    { name: 'hole', label: '6 x hole L1' },
    { name: 'valid', label: 'valid L1' },
    { name: 'perceptual', label: '0.01 x perceptual (VGG16 pool1-3)' },
    { name: 'style', label: '120 x style (VGG16 pool1-3)' },
    { name: 'adversarial', label: '0.1 x mean D(output)' },
    { name: 'g_loss', label: 'generator total' },
  ],
  fixedOnResume: ['width', 'dWidth'],
  create: async ({ lr, dLr, width, dWidth, off }) => {
    const { terms, vggFiles } = resolveLossTerms(paperTerms, {
      model: 'lbam', off: off.split(',').map((name) => name.trim()).filter(Boolean), weightsDir: weightsFolder(),
    });
    const used = new Set(terms.map((term) => term.name));
    const vggModel = vggFiles[16] ? await loadVggFeatures(16, PCONV_VGG16_LAYERS, vggFiles[16]) : undefined;
    const features: FeatureExtractor = vggModel ? (x) => vggModel.call(x) : (x) => [x.mul(0)];
    const generator = new LbamGenerator({ width });
    const discriminator = new DiscriminatorDoubleColumn({ width: dWidth });
    return {
      generator: {
        module: generator,
        optimizer: new Adam(generator.parameters(), { lr, betas: [0.5, 0.9] }),
        metadata: { model: 'lbam', width: String(width), lossTerms: JSON.stringify(lossTermsRecord(paperTerms, terms)) },
      },
      discriminator: { module: discriminator, optimizer: new Adam(discriminator.parameters(), { lr: dLr, betas: [0, 0.9] }), metadata: { width: String(dWidth) } },
      predict: ({ image, mask }: TrainingBatch): LbamPrediction => {
        const valid = mask.neg().add(1);
        const { input, masks } = lbamInputs(image, valid);
        return { valid, input, output: generator.call(input, masks) };
      },
      // The output detached: the official backward also reaches the generator, whose gradients
      // train.py then zeroes; the critic's gradients are the same.
      discriminatorStep: ({ image }: TrainingBatch, { valid, output }: LbamPrediction) => {
        const critic = lbamCriticLoss(discriminator, output.detach(), image, valid, rand([image.shape[0], 1, 1, 1]));
        return { total: critic.total, terms: { d_loss: critic.total } };
      },
      generatorStep: ({ image }: TrainingBatch, { valid, input, output }: LbamPrediction) => {
        const dFake = discriminator.call(output, valid).mean();
        const loss = lbamGeneratorLoss(features, input.narrow(1, 0, 3), valid, output, image, dFake);
        const named = { hole: loss.hole, valid: loss.valid, perceptual: loss.perceptual, style: loss.style, adversarial: loss.adversarial };
        const kept = Object.entries(named).filter(([name]) => used.has(name)).map(([, value]) => value);
        const total = kept.reduce((sum, value) => sum.add(value));
        return { total, terms: { ...named, g_loss: total } };
      },
    };
  },
};
