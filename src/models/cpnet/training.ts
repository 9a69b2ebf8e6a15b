/**
 * Training CPNet as the paper describes it (its authors published no training code): clips of
 * `frames` frames, the middle one the target and the others its references; each reference
 * aligned onto the target, copied and pasted as at test time (CPNet.fill), with the holes
 * filled by the ImageNet mean as the official reader does; the whole network trained at once
 * by Adam on the paper's loss (losses.ts). The perceptual and style terms need torchvision's
 * VGG16 (`vgg`, or vgg16-397923af.pth in the weights folder); `off` turns terms off by name, and
 * the checkpoint records which were used.
 */
import { z } from 'zod';
import { loadVggFeatures, lossTermsRecord, PCONV_VGG16_LAYERS, resolveLossTerms } from '../../losses/index.js';
import { Adam, cat, F, tensor, type Tensor } from '../../torch/index.js';
import type { NetworkTraining, TrainingBatch } from '../../training/network-training.js';
import { weightsFolder } from '../../weights/weights-folder.js';
import { CPNet, officialWidth } from './cpnet.js';
import { cpnetLoss, CPNET_LOSS_TERMS, type CPNetLossInputs } from './losses.js';

const options = z.object({
  size: z.number().int().min(32).multipleOf(8).default(256).describe('Frame size in pixels, a multiple of 8'),
  batch: z.number().int().min(1).default(2).describe('Clips per step'),
  frames: z.number().int().min(2).default(5).describe('Frames per clip: the middle one is the target, the others its references'),
  lr: z.number().positive().default(1e-4).describe("Adam's learning rate"),
  width: z.number().int().min(1).default(officialWidth).describe('First layer channels (official: 64); smaller trains faster'),
  vgg: z.string().min(1).optional().describe("torchvision's vgg16-397923af.pth for the prc and style terms (default: the weights folder's)"),
  off: z.string().default('').describe(`Loss terms turned off, comma-separated (${CPNET_LOSS_TERMS.map((t) => t.name).join(', ')})`),
});

/** Which frame of a clip of `count` is the target: the middle one, so references lie on both sides. */
export function targetIndex(count: number): number {
  return Math.floor(count / 2);
}

/**
 * The batch's clips ([B,T,3,S,S] in [0,1], holes [B,T,1,S,S]) through the network: per clip the
 * target filled from the other frames, and what the loss needs of it.
 */
export function cpnetTrainingForward(net: CPNet, { image, mask }: TrainingBatch): CPNetLossInputs {
  const [clips, count] = image.shape;
  const target = targetIndex(count);
  const others = [...Array(count).keys()].filter((t) => t !== target);
  const imagenetMean = tensor([0.485, 0.456, 0.406], [1, 3, 1, 1]);
  const parts = [...Array(clips).keys()].map((clip) => {
    const gts = image.narrow(0, clip, 1).squeeze(0);
    const holes = mask.narrow(0, clip, 1).squeeze(0);
    // What the network reads: the holes filled with the ImageNet mean (the official reader).
    const inputs = gts.mul(holes.neg().add(1)).add(holes.mul(imagenetMean));
    const pick = (t: Tensor, indices: number[]) => indices.map((i) => t.narrow(0, i, 1));
    const [referenceFrames, referenceHoles] = [pick(inputs, others), pick(holes, others)];
    const features = net.encode(cat(referenceFrames, 0), cat(referenceHoles, 0)).split(1);
    const [gt, hole] = [gts.narrow(0, target, 1), holes.narrow(0, target, 1)];
    const fill = net.fill({ features, frames: referenceFrames, holes: referenceHoles }, inputs.narrow(0, target, 1), hole, gt);
    return { gt, hole, fill };
  });
  const gt = cat(parts.map((p) => p.gt), 0);
  const hole = cat(parts.map((p) => p.hole), 0);
  const [size] = gt.shape.slice(-1);
  const references = others.length;
  const repeated = (t: Tensor) => t.unsqueeze(1).expand(clips, references, ...t.shape.slice(1)).reshape(clips * references, ...t.shape.slice(1));
  return {
    gt,
    hole,
    predicted: cat(parts.map((p) => p.fill.predicted), 0),
    composite: cat(parts.map((p) => p.fill.composite), 0),
    // As the official inpainting leaves it for the loss: brought to the frame bilinearly, no gradient.
    copyMask: F.interpolate(cat(parts.map((p) => p.fill.copyMask), 0), { size: [size, size], mode: 'bilinear', alignCorners: false }).detach(),
    aligned: cat(parts.map((p) => p.fill.alignedFrames), 0),
    alignedTarget: repeated(gt),
    visibleInBoth: cat(parts.map((p) => p.fill.alignedVisible), 0).mul(repeated(hole).neg().add(1)),
  };
}

export const cpnetTraining: NetworkTraining<typeof options> = {
  id: 'cpnet',
  data: 'clips',
  options,
  lossTerms: [
    ...CPNET_LOSS_TERMS.map((term) => ({ name: term.name, label: `${term.name} (weight ${term.weight})` })),
    { name: 'total', label: 'weighted total' },
  ],
  fixedOnResume: ['width'],
  create: async (settings) => {
    const { lr, width } = settings;
    const off = settings.off.split(',').map((name) => name.trim()).filter((name) => name !== '');
    const { terms, vggFiles } = resolveLossTerms(CPNET_LOSS_TERMS, {
      model: 'cpnet', off, vggFiles: settings.vgg ? { 16: settings.vgg } : undefined, weightsDir: weightsFolder(),
    });
    const vgg = vggFiles[16] ? await loadVggFeatures(16, PCONV_VGG16_LAYERS, vggFiles[16]) : undefined;
    const net = new CPNet(width);
    const record = lossTermsRecord(CPNET_LOSS_TERMS, terms);
    // The log has a column per paper term: those turned off are logged as 0.
    const unused = CPNET_LOSS_TERMS.filter((term) => !terms.includes(term));
    return {
      generator: {
        module: net,
        optimizer: new Adam(net.parameters(), { lr }),
        metadata: { model: 'cpnet', width: String(width), lossTerms: JSON.stringify(record.terms) },
      },
      predict: (batch: TrainingBatch): CPNetLossInputs => cpnetTrainingForward(net, batch),
      generatorStep: (_batch, prediction: CPNetLossInputs) => {
        const { total, terms: values } = cpnetLoss(prediction, terms, vgg);
        for (const term of unused) values[term.name] = total.mul(0);
        return { total, terms: { ...values, total } };
      },
    };
  },
};
