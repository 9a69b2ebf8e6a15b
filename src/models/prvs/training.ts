/**
 * Training PRVS as model.py trains it: per step the generator on the masked photo, its Canny edges
 * and the 3-channel mask (network.ts's prvsInputs, as inference builds them), the losses of
 * losses.ts with the paper's weights, and the edge discriminator (EdgeConnect's, 2 input channels,
 * spectral norm, sigmoid) on [edge, grey] at both scales. Adam for both, the generator at 2e-4 and
 * the discriminator at 2e-5, PyTorch's default betas. As model.py (which updates the generator
 * first) the generator's loss sees the discriminator before its update; the loop builds the
 * discriminator's loss first, so the spectral norm's power iterations run in another order.
 * The perceptual and style terms need torchvision's VGG16 (`vgg`, or vgg16-397923af.pth in the
 * weights folder); `off` turns terms off by name, and the checkpoint records which were used.
 */
import { z } from 'zod';
import { InvalidOptionError } from '../../core/errors.js';
import { loadVggFeatures, lossTermsRecord, PCONV_VGG16_LAYERS, resolveLossTerms } from '../../losses/index.js';
import { Adam, type Tensor } from '../../torch/index.js';
import type { NetworkTraining, TrainingBatch } from '../../training/network-training.js';
import { weightsFolder } from '../../weights/weights-folder.js';
import { EdgeConnectDiscriminator } from '../edgeconnect/discriminator.js';
import { cannyEdges } from './edge-input.js';
import { PrvsNet } from './generator.js';
import { edgeDiscriminatorLoss, prvsGeneratorLoss, PRVS_LOSS_TERMS, type PrvsEdges } from './losses.js';
import { prvsInputs, type PrvsInputs } from './network.js';

const options = z.object({
  size: z.number().int().min(64).multipleOf(16).default(256).describe('Crop size in pixels, a multiple of 2^layerSize (official: 256)'),
  batch: z.number().int().min(1).default(6).describe('Crops per step (official: 6)'),
  lr: z.number().positive().default(2e-4).describe("The generator's Adam learning rate (official: 2e-4)"),
  lrD: z.number().positive().default(2e-5).describe("The discriminator's Adam learning rate (official: 2e-5)"),
  layerSize: z.number().int().min(4).max(8).default(8).describe('Encoder halvings (official: 8)'),
  width: z.number().int().min(4).multipleOf(4).default(512).describe('Deepest layers\' width (official: 512; enc_2 has width/4, enc_3 width/2); smaller trains faster'),
  finetune: z.boolean().default(false).describe("run.py's --finetune: the encoder's batch norms in evaluation mode, lr lrFinetune and lrDFinetune"),
  lrFinetune: z.number().positive().default(5e-5).describe("The generator's Adam learning rate when fine-tuning (official: 5e-5)"),
  lrDFinetune: z.number().positive().default(5e-6).describe("The discriminator's Adam learning rate when fine-tuning (official: 5e-6)"),
  vgg: z.string().min(1).optional().describe("torchvision's vgg16-397923af.pth for the perceptual and style terms (default: the weights folder's)"),
  off: z.string().default('').describe('Loss terms turned off, comma-separated (tv, style, perceptual, valid, hole, adversarial)'),
});

/** The batch as the generator saw it and what it made of it. */
interface PrvsPrediction {
  readonly inputs: PrvsInputs;
  /** The photo's Canny edges, unmasked: the discriminator's real edges. */
  readonly cannyEdges: Tensor;
  readonly gray: Tensor;
  readonly output: Tensor;
  readonly edges: PrvsEdges;
}

/** rgb2gray's weights (Rec. 709 luma) on [B,3,H,W]: the grey the discriminator sees beside the edges. */
function grayOf(image: Tensor): Tensor {
  const [r, g, b] = image.split(1, 1);
  return r.mul(0.2125).add(g.mul(0.7154)).add(b.mul(0.0721));
}

export const prvsTraining: NetworkTraining<typeof options> = {
  id: 'prvs',
  options,
  lossTerms: [
    { name: 'd_loss', label: 'edge discriminator (BCE, both scales)' },
    ...PRVS_LOSS_TERMS.map((term) => ({ name: term.name, label: `${term.name} (weight ${term.weight})` })),
    { name: 'g_loss', label: 'generator weighted total' },
  ],
  fixedOnResume: ['layerSize', 'width'],
  create: async (settings) => {
    const { size, layerSize, width, finetune } = settings;
    const [lr, lrD] = finetune ? [settings.lrFinetune, settings.lrDFinetune] : [settings.lr, settings.lrD];
    if (size % 2 ** layerSize !== 0) throw new InvalidOptionError('prvs option size', `a multiple of 2^layerSize = ${2 ** layerSize}`, size);
    const off = settings.off.split(',').map((name) => name.trim()).filter((name) => name !== '');
    const { terms, vggFiles } = resolveLossTerms(PRVS_LOSS_TERMS, {
      model: 'prvs', off, vggFiles: settings.vgg ? { 16: settings.vgg } : undefined, weightsDir: weightsFolder(),
    });
    const vgg = vggFiles[16] ? await loadVggFeatures(16, PCONV_VGG16_LAYERS, vggFiles[16]) : undefined;
    const generator = new PrvsNet({ layerSize, widths: [width / 4, width / 2, width] });
    generator.freezeEncoderBatchNorm = finetune;
    const discriminator = new EdgeConnectDiscriminator(2);
    const record = lossTermsRecord(PRVS_LOSS_TERMS, terms);
    // The log has a column per paper term: those turned off are logged as 0.
    const unused = PRVS_LOSS_TERMS.filter((term) => !terms.includes(term));
    return {
      generator: {
        module: generator,
        optimizer: new Adam(generator.parameters(), { lr }),
        metadata: { model: 'prvs', layerSize: String(layerSize), width: String(width), lossTerms: JSON.stringify(record.terms) },
      },
      discriminator: { module: discriminator, optimizer: new Adam(discriminator.parameters(), { lr: lrD }) },
      // model.py updates the generator first: its loss judged by the discriminator before the update.
      generatorLossSees: 'discriminator-before-its-update',
      predict: ({ image, mask }: TrainingBatch): PrvsPrediction => {
        const edgeMap = cannyEdges(image);
        const inputs = prvsInputs(image, mask.neg().add(1), edgeMap);
        const out = generator.call(inputs.image, inputs.mask, inputs.edge);
        return { inputs, cannyEdges: edgeMap, gray: grayOf(image), output: out.image, edges: { small: out.edgeSmall, big: out.edgeBig } };
      },
      discriminatorStep: (_batch, { edges, cannyEdges, gray }: PrvsPrediction) => {
        const dLoss = edgeDiscriminatorLoss(discriminator, edges, cannyEdges, gray);
        return { total: dLoss, terms: { d_loss: dLoss } };
      },
      generatorStep: ({ image, mask }: TrainingBatch, { output, edges, gray }: PrvsPrediction) => {
        const { total, terms: values } = prvsGeneratorLoss({ truth: image, output, hole: mask, edges, gray }, terms, vgg, discriminator);
        for (const term of unused) values[term.name] = total.mul(0);
        return { total, terms: { ...values, g_loss: total } };
      },
    };
  },
};
