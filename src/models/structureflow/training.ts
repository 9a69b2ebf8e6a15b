/**
 * Training StructureFlow as its code trains it (src/models.py `update_structure`, `update_flow`,
 * model_config.yaml), in three stages of their own runs, as the official models 1, 2 and 3:
 *
 * - `stage=structure`: the structure reconstructor learns the ground truth's structure image
 *   (tsmooth of the whole crop, as generate_structure_images.m makes them) from the damaged image
 *   and structure: 4·L1 + LSGAN over both discriminator scales;
 * - `stage=flow`: the texture generator learns the image from the damaged image and the ground
 *   truth's structure image: 5·L1 + LSGAN + 0.25·sampling correctness (VGG19 relu3_1; needs
 *   torchvision's VGG19 weights in the weights folder, or `--set off=correctness`). Start it
 *   `from` the structure stage's generator.safetensors so the file it writes holds both trained
 *   generators: what `--weights` takes;
 * - `stage=joint` (model 3, the official 'joint_train'): the texture generator fine-tuned on the
 *   structure reconstructor's output (s_gen runs without gradients and is not trained), the flow
 *   stage's terms plus 250·style (VGG19 relu2_2, relu3_4, relu4_4, relu5_2 grams of out·m, gt·m) and
 *   0.1·content (relu1_1..relu5_1 of out, gt). Start it `from` the flow stage's file.
 *
 * Adam with betas (0, 0.999), lr 1e-4 for both networks. The discriminator judges the fake first,
 * then the real, as the official code calls it (spectral normalisation's power iteration advances
 * on each call).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { EDGECONNECT_PERCEPTUAL_LAYERS, EDGECONNECT_STYLE_LAYERS, leastSquares, loadVggFeatures, perceptualLoss, styleLoss } from '../../losses/index.js';
import { resolveLossTerms } from '../../losses/loss-terms.js';
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
  stage: z.enum(['structure', 'flow', 'joint']).default('structure').describe('structure: the structure reconstructor (official model 1); flow: the texture generator from the ground truth\'s structure (model 2); joint: the texture generator from the structure reconstructor\'s output, with style and content terms (model 3)'),
  from: z.string().min(1).optional().describe('A generator.safetensors of an earlier run to start from (the structure stage\'s, for the flow stage)'),
  lr: z.number().positive().default(1e-4).describe('Adam learning rate of both networks (official LR)'),
  dim: z.number().int().min(2).multipleOf(2).default(64).describe('Channels of the generators\' first layers (official: 64); fewer train faster'),
  residualBlocks: z.number().int().min(1).optional().describe('Residual blocks per level of both generators (official: 4 in the structure reconstructor, 2 in the texture generator)'),
  off: z.string().default('').describe('Comma-separated loss terms to leave out of the flow and joint stages: correctness, style, content (they need torchvision\'s VGG19 weights)'),
  vgg: z.string().min(1).optional().describe("torchvision's vgg19-dcbb9e9d.pth for the VGG terms (default: the weights folder's)"),
});

type Options = z.infer<typeof options>;

/** model_config.yaml's loss weights. */
export const structureFlowLossWeights = { structureL1: 4, structureAdversarial: 1, flowL1: 5, flowAdversarial: 1, correctness: 0.25, style: 250, content: 0.1 } as const;

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
  { name: 'l_f_vgg_style', label: 'style, VGG19 grams in the hole (x250)' },
  { name: 'l_f_vgg_content', label: 'content, VGG19 (x0.1)' },
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
    const vgg = o.stage === 'structure' ? undefined : await textureVgg(o);
    const generators = new StructureFlowGenerators(
      new StructureGenerator({ dim: o.dim, residualBlocks: o.residualBlocks }),
      new FlowGenerator({ dim: o.dim, residualBlocks: o.residualBlocks }),
    );
    if (o.from) generators.loadStateDict(decodeSafetensors(readFileSync(o.from), o.from).stateDict);
    const discriminator = new StructureFlowDiscriminator();
    const trained: nn.Module<never[], unknown> = o.stage === 'structure' ? generators.s_gen : generators.f_gen;
    const betas = [0, 0.999] as const;
    const w = structureFlowLossWeights;
    const columns = o.stage === 'structure' ? structureColumns : flowColumns.filter((c) => !vggColumns[c.name] || vgg?.terms.has(vggColumns[c.name]));
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
        // Model 3 feeds the texture generator the structure reconstructor's output, made without gradients.
        const structures = o.stage === 'joint' ? noGrad(() => generators.s_gen.call(cat([inputs, smooths.mul(known), mask], 1))) : smooths;
        const { image: outputs, flow } = generators.f_gen.call(cat([inputs, structures, mask], 1));
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
        const add = (name: string, term: Tensor) => {
          terms[name] = term;
          total = total.add(term);
        };
        if (vgg?.terms.has('correctness')) {
          const [gtFeatures, inputFeatures] = [p.gts, p.gts.mul(p.masks.neg().add(1))].map((x) => vgg.features(x, ['relu3_1'])[0]);
          add('l_f_correctness', correctnessLoss(gtFeatures, inputFeatures, p.flow!, p.masks).mul(w.correctness));
        }
        if (vgg?.terms.has('style')) {
          const [outputs, gts] = [p.outputs.mul(p.masks), p.gts.mul(p.masks)].map((x) => vgg.features(x, EDGECONNECT_STYLE_LAYERS));
          add('l_f_vgg_style', styleLoss(outputs, gts).mul(w.style));
        }
        if (vgg?.terms.has('content')) {
          const [outputs, gts] = [p.outputs, p.gts].map((x) => vgg.features(x, EDGECONNECT_PERCEPTUAL_LAYERS));
          add('l_f_vgg_content', perceptualLoss(outputs, gts).mul(w.content));
        }
        return { total, terms: { ...terms, g_loss: total } };
      },
    };
  },
};

/** The VGG terms' log columns. */
const vggColumns: Record<string, string> = { l_f_correctness: 'correctness', l_f_vgg_style: 'style', l_f_vgg_content: 'content' };

/** VGG19 with every tap the stage's VGG terms read, and which of them are on. */
interface TextureVgg {
  readonly terms: ReadonlySet<string>;
  /** The named taps of `x`, in the order given. */
  features(x: Tensor, names: readonly string[]): Tensor[];
}

/** VGG19 for the flow stage's correctness term and the joint stage's style and content terms, from `vgg` or the weights folder; none when they are all off. */
async function textureVgg(o: Options): Promise<TextureVgg | undefined> {
  const off = o.off.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const w = structureFlowLossWeights;
  const wanted = [
    { name: 'correctness', weight: w.correctness, vgg: 19 as const, taps: ['relu3_1'] },
    ...(o.stage === 'joint' ? [
      { name: 'style', weight: w.style, vgg: 19 as const, taps: EDGECONNECT_STYLE_LAYERS },
      { name: 'content', weight: w.content, vgg: 19 as const, taps: EDGECONNECT_PERCEPTUAL_LAYERS },
    ] : []),
  ];
  const { terms, vggFiles } = resolveLossTerms(wanted, { model: 'structureflow', off, vggFiles: o.vgg ? { 19: o.vgg } : undefined, weightsDir: weightsFolder() });
  if (terms.length === 0) return undefined;
  const on = new Set(terms.map((t) => t.name));
  const taps = [...new Set(wanted.filter((t) => on.has(t.name)).flatMap((t) => t.taps))];
  const network = await loadVggFeatures(19, taps, vggFiles[19]!);
  const features = (x: Tensor, names: readonly string[]) => {
    const outputs = network.call(x);
    return names.map((name) => outputs[taps.indexOf(name)]);
  };
  return { terms: on, features };
}
