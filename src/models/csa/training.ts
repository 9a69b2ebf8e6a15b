/**
 * Training CSA as train.ipynb and CSA.py train it: per step, netD and netF's update (0.5 D + 0.5 F,
 * relativistic average LS), then netP and netG's (L1 x 100 of both stages, 0.2 x the adversarial
 * terms, the consistency losses as constants); Adam lr 2e-4, betas 0.5, 0.999 for all four; batch
 * 1 (the official layers hold one mask per batch). Losses: losses.ts. The loop, data, checkpoints
 * and loss log are the shared ones (src/training/).
 *
 * netF and the consistency losses run VGG16 (pool3, what vgg16.py's slice3 and so its `relu3_3`
 * ends with; relu4_3) and need torchvision's
 * `vgg16-397923af.pth` in the weights folder; without it the run stops with MissingVggWeightsError
 * unless those terms are turned off (`--set off=feature,consistency`). The consistency losses
 * compare 8 x ngf channels with VGG's 512: they need ngf 64.
 */
import { z } from 'zod';
import { InvalidOptionError } from '../../core/errors.js';
import { loadVggFeatures, lossTermsRecord, resolveLossTerms, type LossTerm } from '../../losses/index.js';
import { Adam, zeros, type Tensor } from '../../torch/index.js';
import type { NetworkTraining, TrainingBatch } from '../../training/network-training.js';
import { weightsFolder } from '../../weights/weights-folder.js';
import { csaInputs, SIZE_GRID } from './completion.js';
import { CsaDiscriminators } from './discriminators.js';
import { featureMask } from './feature-mask.js';
import { CsaGenerators } from './generators.js';
import { consistencyLoss, CSA_LOSS_WEIGHTS, discriminatorLoss, generatorAdversarialLoss, reconstructionLoss } from './losses.js';

const paperTerms: LossTerm[] = [
  { name: 'l1', weight: CSA_LOSS_WEIGHTS.l1 },
  { name: 'adversarial', weight: CSA_LOSS_WEIGHTS.adversarial },
  { name: 'feature', weight: CSA_LOSS_WEIGHTS.adversarial, vgg: 16 },
  { name: 'consistency', weight: CSA_LOSS_WEIGHTS.consistency, vgg: 16 },
];

const options = z.object({
  size: z.number().int().min(SIZE_GRID).max(SIZE_GRID).default(SIZE_GRID).describe('Crop size in pixels (the networks take 256)'),
  batch: z.number().int().min(1).max(1).default(1).describe('Crops per step: 1, as the official code requires'),
  lr: z.number().positive().default(2e-4).describe("Adam's learning rate, all four networks"),
  ngf: z.number().int().min(1).default(64).describe('Generator width (official: 64); smaller trains faster'),
  ndf: z.number().int().min(1).default(64).describe("netD's width (official: 64)"),
  off: z.string().default('').describe('Loss terms turned off, comma-separated (l1, adversarial, feature, consistency)'),
});

interface CsaPrediction {
  /** The batch's image in [-1, 1]. */
  readonly real: Tensor;
  readonly roughFill: Tensor;
  readonly refined: Tensor;
}

export const csaTraining: NetworkTraining<typeof options> = {
  id: 'csa',
  options,
  lossTerms: [
    { name: 'd_loss', label: '0.5 x RaLS(netD) + 0.5 x RaLS(netF)' },
    { name: 'l1', label: '100 x (L1 refined + L1 rough)' },
    { name: 'adversarial', label: 'RaLS(netD) + RaLS(netF), generator side' },
    { name: 'consistency', label: 'InnerCos + InnerCos2 (constant)' },
    { name: 'g_loss', label: 'generator total' },
  ],
  fixedOnResume: ['ngf', 'ndf'],
  create: async ({ lr, ngf, ndf, off }) => {
    const { terms, vggFiles } = resolveLossTerms(paperTerms, {
      model: 'csa', off: off.split(',').map((name) => name.trim()).filter(Boolean), weightsDir: weightsFolder(),
    });
    const used = new Set(terms.map((term) => term.name));
    if (used.has('consistency') && ngf !== 64) {
      throw new InvalidOptionError('ngf', '64 while the consistency loss is on (it compares 8 x ngf channels with VGG16 relu4_3\'s 512; --set off=consistency)', ngf);
    }
    const vgg = vggFiles[16] ? await loadVggFeatures(16, ['pool3', 'relu4_3'], vggFiles[16]) : undefined;
    const generators = new CsaGenerators(ngf);
    const discriminators = new CsaDiscriminators(ndf);
    const adam = { lr, betas: [0.5, 0.999] as const };
    const features = (image: Tensor) => vgg!.call(image);
    return {
      generator: {
        module: generators,
        optimizer: new Adam(generators.parameters(), adam),
        metadata: { model: 'csa', ngf: String(ngf), lossTerms: JSON.stringify(lossTermsRecord(paperTerms, terms)) },
      },
      discriminator: { module: discriminators, optimizer: new Adam(discriminators.parameters(), adam), metadata: { ndf: String(ndf) } },
      predict: ({ image, mask }: TrainingBatch): CsaPrediction => {
        const real = image.mul(2).sub(1);
        return { real, ...generators.call(csaInputs(real, mask)) };
      },
      discriminatorStep: (_batch: TrainingBatch, { real, refined }: CsaPrediction) => {
        const fake = refined.detach();
        const patch = { real: discriminators.patch.call(real), fake: discriminators.patch.call(fake) };
        const feature = used.has('feature')
          ? { real: discriminators.feature.call(features(real)[0]), fake: discriminators.feature.call(features(fake)[0]) }
          : null;
        const dLoss = discriminatorLoss(patch, feature);
        return { total: dLoss, terms: { d_loss: dLoss } };
      },
      generatorStep: ({ mask }: TrainingBatch, { real, roughFill, refined }: CsaPrediction) => {
        const l1 = reconstructionLoss(real, roughFill, refined);
        const patch = { real: discriminators.patch.call(real), fake: discriminators.patch.call(refined) };
        const realFeatures = used.has('feature') || used.has('consistency') ? features(real) : null;
        const feature = used.has('feature')
          ? { real: discriminators.feature.call(realFeatures![0]), fake: discriminators.feature.call(features(refined.detach())[0]) }
          : null;
        const adversarial = generatorAdversarialLoss(patch, feature);
        const probes = generators.refine.csa;
        const consistency = used.has('consistency')
          ? consistencyLoss(probes.encoderProbe.features!, probes.decoderProbe.features!, featureMask(mask), realFeatures![1])
          : null;
        const kept = [used.has('l1') ? l1 : null, used.has('adversarial') ? adversarial.mul(CSA_LOSS_WEIGHTS.adversarial) : null, consistency];
        const total = kept.filter((term): term is Tensor => term !== null).reduce((sum, term) => sum.add(term));
        // A term turned off is logged as 0.
        return { total, terms: { l1, adversarial, consistency: consistency ?? zeros([]), g_loss: total } };
      },
    };
  },
};
