/**
 * Training StructureFlow as its code trains it (src/models.py `update_structure`, `update_flow`,
 * model_config.yaml), in two stages of their own runs, as the official models 1 and 2:
 *
 * - `stage=structure`: the structure reconstructor learns the ground truth's structure image
 *   (tsmooth of the whole crop, as generate_structure_images.m makes them) from the damaged image
 *   and structure: 4·L1 + LSGAN over both discriminator scales;
 * - `stage=flow`: the texture generator learns the image from the damaged image and the ground
 *   truth's structure image: 5·L1 + LSGAN + 0.25·sampling correctness (VGG19 relu3_1; needs
 *   torchvision's VGG19 weights in the weights folder, or `--set off=correctness`). Start it
 *   `from` the structure stage's generator.safetensors so the file it writes holds both trained
 *   generators: what `--weights` takes.
 *
 * Adam with betas (0, 0.999), lr 1e-4 for both networks. The discriminator judges the fake first,
 * then the real, as the official code calls it (spectral normalisation's power iteration advances
 * on each call). The official model 3 (the texture generator fine-tuned on the structure
 * reconstructor's output, with style and content terms) is not a stage here.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { leastSquares, loadVggFeatures } from '../../losses/index.js';
import { resolveLossTerms } from '../../losses/loss-terms.js';
import { VggFeatures } from '../../losses/vgg.js';
import { Adam, cat, decodeSafetensors, nn, noGrad, zeros, type Tensor } from '../../torch/index.js';
import type { NetworkTraining, StepLosses, TrainingBatch } from '../../training/network-training.js';
import { weightsFolder } from '../../weights/weights-folder.js';
import { correctnessLoss } from './correctness-loss.js';
import { StructureFlowDiscriminator } from './discriminator.js';
import { FlowGenerator } from './flow-generator.js';
import { StructureFlowGenerators } from './network.js';
import { StructureGenerator } from './structure-generator.js';
import { structureImage } from './structure-image.js';

const options = z.object({
  size: z.number().int().min(48).multipleOf(16).default(256).describe('Crop size in pixels, a multiple of 16 (official: 256)'),
  batch: z.number().int().min(1).default(8).describe('Crops per step (official: 8)'),
  stage: z.enum(['structure', 'flow']).default('structure').describe('structure: the structure reconstructor (official model 1); flow: the texture generator from the ground truth\'s structure (model 2)'),
  from: z.string().min(1).optional().describe('A generator.safetensors of an earlier run to start from (the structure stage\'s, for the flow stage)'),
  lr: z.number().positive().default(1e-4).describe('Adam learning rate of both networks (official LR)'),
  dim: z.number().int().min(2).multipleOf(2).default(64).describe('Channels of the generators\' first layers (official: 64); fewer train faster'),
  residualBlocks: z.number().int().min(1).optional().describe('Residual blocks per level of both generators (official: 4 in the structure reconstructor, 2 in the texture generator)'),
  off: z.string().default('').describe('Comma-separated loss terms to leave out of the flow stage: correctness (it needs torchvision\'s VGG19 weights)'),
});

type Options = z.infer<typeof options>;

/** model_config.yaml's loss weights. */
export const structureFlowLossWeights = { structureL1: 4, structureAdversarial: 1, flowL1: 5, flowAdversarial: 1, correctness: 0.25 } as const;

const structureColumns = [
  { name: 'l_s_adv_dis', label: 'structure discriminator' },
  { name: 'l_s_adv_gen', label: 'structure generator adversarial' },
  { name: 'l_s_l1', label: 'structure L1 (x4)' },
];
const flowColumns = [
  { name: 'l_f_adv_dis', label: 'flow discriminator' },
  { name: 'l_f_adv_gen', label: 'flow generator adversarial' },
  { name: 'l_f_l1', label: 'image L1 (x5)' },
  { name: 'l_f_correctness', label: 'sampling correctness, VGG19 relu3_1 (x0.25)' },
];
const generatorTotal = { name: 'g_loss', label: 'generator total' };

/** What one step's generator forward gives both steps. */
interface Prediction {
  /** [B,3,S,S] in [-1,1]. */
  readonly gts: Tensor;
  readonly masks: Tensor;
  /** The ground truth's structure image, [-1,1]. */
  readonly smooths: Tensor;
  /** The trained generator's output: the structure image or the image. */
  readonly outputs: Tensor;
  readonly flow?: Tensor;
}

/** The ground truth's structure image per crop: tsmooth without a mask, 8 bits, as the official training set. */
function groundTruthStructures(gts: Tensor): Tensor {
  return noGrad(() => cat(Array.from({ length: gts.shape[0] }, (_, i) => {
    const one = gts.narrow(0, i, 1);
    return structureImage(one, zeros([1, 1, one.shape[2], one.shape[3]]));
  })));
}

/** The LSGAN terms averaged over the two scales, fake judged before real. */
function discriminatorLoss(discriminator: StructureFlowDiscriminator, real: Tensor, fake: Tensor): Tensor {
  const fakeScores = discriminator.call(fake.detach());
  const realScores = discriminator.call(real);
  return fakeScores.map((f, i) => leastSquares.discriminator(realScores[i], f)).reduce((a, b) => a.add(b)).div(fakeScores.length);
}

function generatorAdversarial(discriminator: StructureFlowDiscriminator, fake: Tensor): Tensor {
  const scores = discriminator.call(fake);
  return scores.map((s) => leastSquares.generator(s)).reduce((a, b) => a.add(b)).div(scores.length);
}

export const structureFlowTraining: NetworkTraining<typeof options> = {
  id: 'structureflow',
  options,
  lossTerms: [...structureColumns, ...flowColumns, generatorTotal],
  fixedOnResume: ['dim', 'residualBlocks'],
  create: async (o: Options) => {
    const vgg = o.stage === 'flow' ? await correctnessVgg(o) : undefined;
    const generators = new StructureFlowGenerators(
      new StructureGenerator({ dim: o.dim, residualBlocks: o.residualBlocks }),
      new FlowGenerator({ dim: o.dim, residualBlocks: o.residualBlocks }),
    );
    if (o.from) generators.loadStateDict(decodeSafetensors(readFileSync(o.from), o.from).stateDict);
    const discriminator = new StructureFlowDiscriminator();
    const trained: nn.Module<never[], unknown> = o.stage === 'structure' ? generators.s_gen : generators.f_gen;
    const betas = [0, 0.999] as const;
    const w = structureFlowLossWeights;
    const columns = o.stage === 'structure' ? structureColumns : flowColumns.filter((c) => c.name !== 'l_f_correctness' || vgg);
    return {
      lossTerms: [...columns, generatorTotal],
      generator: { module: generators, optimizer: new Adam(trained.parameters(), { lr: o.lr, betas }), metadata: { model: 'structureflow', stage: o.stage, dim: String(o.dim) } },
      discriminator: { module: discriminator, optimizer: new Adam(discriminator.parameters(), { lr: o.lr, betas }) },
      predict: ({ image, mask }: TrainingBatch): Prediction => {
        const gts = image.mul(2).sub(1);
        const smooths = groundTruthStructures(gts);
        const known = mask.neg().add(1);
        const inputs = gts.mul(known);
        if (o.stage === 'structure') {
          return { gts, masks: mask, smooths, outputs: generators.s_gen.call(cat([inputs, smooths.mul(known), mask], 1)) };
        }
        const { image: outputs, flow } = generators.f_gen.call(cat([inputs, smooths, mask], 1));
        return { gts, masks: mask, smooths, outputs, flow };
      },
      discriminatorStep: (_batch: TrainingBatch, p: Prediction): StepLosses => {
        const loss = discriminatorLoss(discriminator, o.stage === 'structure' ? p.smooths : p.gts, p.outputs);
        return { total: loss, terms: { [o.stage === 'structure' ? 'l_s_adv_dis' : 'l_f_adv_dis']: loss } };
      },
      generatorStep: (_batch: TrainingBatch, p: Prediction): StepLosses => {
        if (o.stage === 'structure') {
          const adversarial = generatorAdversarial(discriminator, p.outputs).mul(w.structureAdversarial);
          const l1 = p.outputs.sub(p.smooths).abs().mean().mul(w.structureL1);
          const total = adversarial.add(l1);
          return { total, terms: { l_s_adv_gen: adversarial, l_s_l1: l1, g_loss: total } };
        }
        const adversarial = generatorAdversarial(discriminator, p.outputs).mul(w.flowAdversarial);
        const l1 = p.outputs.sub(p.gts).abs().mean().mul(w.flowL1);
        const terms: Record<string, Tensor> = { l_f_adv_gen: adversarial, l_f_l1: l1 };
        let total = adversarial.add(l1);
        if (vgg) {
          const [gtFeatures] = vgg.call(p.gts);
          const [inputFeatures] = vgg.call(p.gts.mul(p.masks.neg().add(1)));
          terms.l_f_correctness = correctnessLoss(gtFeatures, inputFeatures, p.flow!, p.masks).mul(w.correctness);
          total = total.add(terms.l_f_correctness);
        }
        return { total, terms: { ...terms, g_loss: total } };
      },
    };
  },
};

/** VGG19 up to relu3_1 for the correctness term, from the weights folder; none when it is off. */
async function correctnessVgg(o: Options): Promise<VggFeatures | undefined> {
  const off = o.off.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const { terms, vggFiles } = resolveLossTerms([{ name: 'correctness', weight: structureFlowLossWeights.correctness, vgg: 19 }], { model: 'structureflow', off, weightsDir: weightsFolder() });
  return terms.length === 0 ? undefined : loadVggFeatures(19, ['relu3_1'], vggFiles[19]!);
}
