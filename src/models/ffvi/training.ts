/**
 * Training FFVI (the ICCV model: 3D gated convolutions, skip connections, T-PatchGAN) as the
 * official trainer runs it (src/trainer/trainer.py `_train_epoch`, src/train.py): per step the
 * generator's update first, on L1 + VGG16 perceptual + style + the temporal GAN (least squares),
 * then the T-PatchGAN's update on the target and the detached output ((real + fake) / 2). Both
 * with Adam as src/config.json's optimizer block (lr 1e-4, amsgrad, no weight decay; torch's
 * betas 0.9, 0.999: the same block in every VideoInpaintingModel config of the repository; the
 * ICCV checkpoint's own config could not be read here). Clips come from the shared loop
 * ([B, T, 3, S, S], hole = 1) and are permuted to the network's [B, 3, T, S, S], valid = 1.
 * The generator's file holds `generator.coarse_net.*`, which `inpaint video --method ffvi
 * --weights` loads as it loads an official checkpoint's state dict.
 */
import { z } from 'zod';
import { InvalidOptionError } from '../../core/errors.js';
import { loadVggFeatures, lossTermsRecord, resolveLossTerms, type LossTerm } from '../../losses/index.js';
import { Adam, type Tensor } from '../../torch/index.js';
import type { NetworkTraining, TrainingBatch } from '../../training/network-training.js';
import { weightsFolder } from '../../weights/weights-folder.js';
import { FfviTemporalDiscriminator } from './discriminator.js';
import { ffviSizeGrid } from './generator.js';
import { FFVI_VGG_LAYERS, ffviGeneratorLoss, temporalDiscriminatorLoss } from './losses.js';
import { FfviModel } from './model.js';

/**
 * The generator's terms and weights: config.json's losses (recon 1, vgg 1, style 10; its masked
 * recon has weight 0 and is left out) and the temporal GAN at 0.1, the weight the authors give
 * for the ICCV model's T-PatchGAN (issue #20; config.json's 0 would leave the discriminator out).
 */
export const FFVI_LOSS_TERMS: readonly LossTerm[] = [
  { name: 'recon', weight: 1 },
  { name: 'vgg', weight: 1, vgg: 16 },
  { name: 'style', weight: 10, vgg: 16 },
  { name: 'ganTemporal', weight: 0.1 },
];

const options = z.object({
  size: z.number().int().min(16).multipleOf(ffviSizeGrid).default(180)
    .describe(`Frame side in pixels, a multiple of ${ffviSizeGrid} (official: 320x180 frames; the loop's clips are square)`),
  frames: z.number().int().min(1).default(7).describe('Frames per clip (FVI_all_masks.json: sample_length 7)'),
  batch: z.number().int().min(1).default(5).describe('Clips per step (FVI_all_masks.json: 5)'),
  lr: z.number().positive().default(1e-4).describe("Adam's learning rate, both networks (config.json: 1e-4, amsgrad)"),
  nf: z.number().int().min(2).multipleOf(2).default(64).describe('Generator width (the ICCV release: 64); smaller trains faster'),
  dNf: z.number().int().min(1).default(64).describe("T-PatchGAN width (config.json's d_t_args: 64)"),
  vgg: z.string().min(1).optional().describe("torchvision's vgg16-397923af.pth for the vgg and style terms (default: the weights folder's)"),
  off: z.string().default('').describe('Loss terms turned off, comma-separated (recon, vgg, style, ganTemporal)'),
});

/** The batch in the network's layout and what the generator made of it. */
interface FfviPrediction {
  /** [B, 3, T, S, S] in [0, 1]. */
  readonly targets: Tensor;
  /** [B, 1, T, S, S], 1 = valid, as the official masks. */
  readonly valid: Tensor;
  readonly outputs: Tensor;
}

export const ffviTraining: NetworkTraining<typeof options> = {
  id: 'ffvi',
  data: 'clips',
  options,
  lossTerms: [
    ...FFVI_LOSS_TERMS.map((term) => ({ name: term.name, label: `${term.name} (weight ${term.weight})` })),
    { name: 'total', label: 'generator total' },
    { name: 'discriminator', label: 'T-PatchGAN least squares' },
  ],
  fixedOnResume: ['nf', 'dNf'],
  create: async (settings) => {
    const { lr, nf, dNf } = settings;
    const off = settings.off.split(',').map((name) => name.trim()).filter((name) => name !== '');
    const { terms, vggFiles } = resolveLossTerms(FFVI_LOSS_TERMS, {
      model: 'ffvi', off, vggFiles: settings.vgg ? { 16: settings.vgg } : undefined, weightsDir: weightsFolder(),
    });
    if (terms.length === 0) throw new InvalidOptionError('ffvi option off', 'at least one loss term left on', settings.off);
    const vgg = vggFiles[16] ? await loadVggFeatures(16, FFVI_VGG_LAYERS, vggFiles[16]) : undefined;
    const weightOf = (name: string): number => terms.find((term) => term.name === name)?.weight ?? 0;
    const weights = { recon: weightOf('recon'), maskedRecon: 0, vgg: weightOf('vgg'), style: weightOf('style'), ganTemporal: weightOf('ganTemporal') };
    const adversarial = weights.ganTemporal > 0;
    // Generator only: its file is a state dict of `generator.coarse_net.*`, as inference loads.
    const model = new FfviModel({ nf, skipConnections: true });
    const discriminator = new FfviTemporalDiscriminator({ nf: dNf });
    const adam = { lr, amsgrad: true };
    const record = lossTermsRecord(FFVI_LOSS_TERMS, terms);
    return {
      generator: {
        module: model,
        optimizer: new Adam(model.parameters(), adam),
        metadata: { model: 'ffvi', nf: String(nf), lossTerms: JSON.stringify(record.terms) },
      },
      discriminator: { module: discriminator, optimizer: new Adam(discriminator.parameters(), adam), metadata: { nf: String(dNf) } },
      firstUpdate: 'generator',
      predict: ({ image, mask }: TrainingBatch): FfviPrediction => {
        const targets = image.transpose(1, 2).contiguous();
        const valid = mask.neg().add(1).transpose(1, 2).contiguous();
        return { targets, valid, outputs: model.call(targets.mul(valid), valid) };
      },
      generatorStep: (_batch, { targets, valid, outputs }: FfviPrediction) => {
        const loss = ffviGeneratorLoss({ vgg: vgg!, discriminator: adversarial ? discriminator : undefined }, outputs, targets, valid, weights);
        // Every column of the log in every run: a term turned off is logged as 0.
        const zero = loss.total.detach().mul(0);
        const logged = Object.fromEntries(FFVI_LOSS_TERMS.map((term) => [term.name, weightOf(term.name) > 0 ? loss.terms[term.name] : zero]));
        return { total: loss.total, terms: { ...logged, total: loss.total } };
      },
      // Trained even with its term off (the official trainer then skips it): the generator's
      // updates are the same, and the run can be resumed with the term on, the authors' fine-tuning.
      discriminatorStep: (_batch, { targets, valid, outputs }: FfviPrediction) => {
        const loss = temporalDiscriminatorLoss(discriminator, targets, outputs, valid);
        return { total: loss, terms: { discriminator: loss } };
      },
    };
  },
};
