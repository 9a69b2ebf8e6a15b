/**
 * Training PConvUNet as naoto0804's train.py does: Adam (lr 2e-4) over the parameters that require
 * grad (not the mask convolutions' ones), InpaintingLoss with opt.LAMBDA_DICT's weights (losses.ts)
 * on ImageNet-normalised images, the input the image times its mask (1 = valid). `finetune` is its
 * `--finetune`: the encoder's batch norms in evaluation mode, lr 5e-5. The perceptual and style
 * terms need torchvision's VGG16 (`vgg`, or vgg16-397923af.pth in the weights folder); `off`
 * turns terms off by name, and the checkpoint records which were used.
 */
import { z } from 'zod';
import { InvalidOptionError } from '../../core/errors.js';
import { imagenetNormalize, loadVggFeatures, lossTermsRecord, PCONV_VGG16_LAYERS, resolveLossTerms } from '../../losses/index.js';
import { Adam, type Tensor } from '../../torch/index.js';
import type { NetworkTraining, TrainingBatch } from '../../training/network-training.js';
import { weightsFolder } from '../../weights/weights-folder.js';
import { pconvLoss, PCONV_LOSS_TERMS } from './losses.js';
import { pconvInput, type PConvInputs } from './network.js';
import { PARTIAL_CONV_SCALINGS } from './partial-conv.js';
import { PConvUNet } from './pconv-unet.js';

const options = z.object({
  size: z.number().int().min(16).multipleOf(16).default(256).describe('Crop size in pixels, a multiple of 2^layerSize (naoto0804: 256)'),
  batch: z.number().int().min(1).default(4).describe('Crops per step (naoto0804: 16)'),
  lr: z.number().positive().default(2e-4).describe("Adam's learning rate (naoto0804: 2e-4)"),
  finetune: z.boolean().default(false).describe("naoto0804's --finetune: encoder batch norms frozen (evaluation mode), lr lrFinetune"),
  lrFinetune: z.number().positive().default(5e-5).describe("Adam's learning rate when fine-tuning (naoto0804: 5e-5)"),
  layerSize: z.number().int().min(4).max(7).default(7).describe('Encoder stages (official: 7)'),
  width: z.number().int().min(1).default(64).describe('First encoder channels (official: 64); smaller trains faster'),
  scaling: z.enum(PARTIAL_CONV_SCALINGS).default('naoto').describe("Partial convolution scaling: naoto0804's sum(M) or NVIDIA's window / sum(M)"),
  vgg: z.string().min(1).optional().describe("torchvision's vgg16-397923af.pth for the prc and style terms (default: the weights folder's)"),
  off: z.string().default('').describe('Loss terms turned off, comma-separated (valid, hole, tv, prc, style)'),
});

/** The batch as the network saw it and what it made of it. */
interface PConvPrediction {
  /** The batch's image, ImageNet-normalised. */
  readonly gt: Tensor;
  readonly inputs: PConvInputs;
  readonly output: Tensor;
}

export const pconvTraining: NetworkTraining<typeof options> = {
  id: 'pconv',
  options,
  lossTerms: [
    ...PCONV_LOSS_TERMS.map((term) => ({ name: term.name, label: `${term.name} (weight ${term.weight})` })),
    { name: 'total', label: 'weighted total' },
  ],
  fixedOnResume: ['layerSize', 'width'],
  create: async (settings) => {
    const { size, lr, finetune, lrFinetune, layerSize, width, scaling } = settings;
    if (size % 2 ** layerSize !== 0) throw new InvalidOptionError('pconv option size', `a multiple of 2^layerSize = ${2 ** layerSize}`, size);
    const off = settings.off.split(',').map((name) => name.trim()).filter((name) => name !== '');
    const { terms, vggFiles } = resolveLossTerms(PCONV_LOSS_TERMS, {
      model: 'pconv', off, vggFiles: settings.vgg ? { 16: settings.vgg } : undefined, weightsDir: weightsFolder(),
    });
    const vgg = vggFiles[16] ? await loadVggFeatures(16, PCONV_VGG16_LAYERS, vggFiles[16]) : undefined;
    const net = new PConvUNet({ layerSize, width, scaling });
    net.freezeEncoderBatchNorm = finetune;
    const optimizer = new Adam(net.parameters().filter((p) => p.requiresGrad), { lr: finetune ? lrFinetune : lr });
    const record = lossTermsRecord(PCONV_LOSS_TERMS, terms);
    // The log has a column per paper term: those turned off are logged as 0.
    const unused = PCONV_LOSS_TERMS.filter((term) => !terms.includes(term));
    return {
      generator: {
        module: net,
        optimizer,
        metadata: { model: 'pconv', layerSize: String(layerSize), width: String(width), scaling, lossTerms: JSON.stringify(record.terms) },
      },
      predict: ({ image, mask }: TrainingBatch): PConvPrediction => {
        const gt = imagenetNormalize(image);
        const inputs = pconvInput(gt, mask.neg().add(1));
        return { gt, inputs, output: net.call(inputs.image, inputs.mask)[0] };
      },
      generatorStep: (_batch, { gt, inputs, output }: PConvPrediction) => {
        const { total, terms: values } = pconvLoss({ input: inputs.image, mask: inputs.mask, output, gt }, terms, vgg);
        for (const term of unused) values[term.name] = total.mul(0);
        return { total, terms: { ...values, total } };
      },
    };
  },
};
