/**
 * Training EdgeConnect as its code trains it (src/edge_connect.py `train`, src/models.py), in two
 * stages of their own runs, as the official models 1 and 2:
 *
 * - `stage=edge`: the edge generator learns the Canny edges (sigma 2, of the whole grey image) in
 *   the hole from the grey image and the edges outside it;
 * - `stage=inpaint`: the inpainting generator learns the image from the hole-free image and the
 *   ground truth's Canny edges (start it `from` the edge stage's generator.safetensors so the file
 *   it writes holds both trained generators: what `--weights` takes);
 * - `stage=edge-inpaint` (model 3): the inpainting generator learns from the edge generator's edges
 *   in the hole (the ground truth's outside it), detached: only the inpainting networks learn;
 * - `stage=joint` (model 4): both stages' losses at once; the edges reach the inpainting stage
 *   undetached, so its losses train the edge generator too, as the official backward passes add up.
 *
 * Adam with betas (0, 0.9), lr 1e-4, the discriminator's 0.1 times that; the generator's loss is
 * computed with the discriminator before its update, as the official code ran under the PyTorch it
 * was written for (training-step.ts). The loop, data, checkpoints and loss log are the shared ones.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { loadVggFeatures } from '../../losses/index.js';
import { resolveLossTerms } from '../../losses/loss-terms.js';
import { Adam, cat, decodeSafetensors, nn, noGrad, zeros, type Tensor } from '../../torch/index.js';
import type { AnyModule } from '../../torch/nn/module.js';
import type { NetworkTraining, TrainingBatch } from '../../training/network-training.js';
import { weightsFolder } from '../../weights/weights-folder.js';
import { EdgeConnectDiscriminator } from './discriminator.js';
import { EdgeConnectEdgeGenerator, EdgeConnectInpaintGenerator } from './generator.js';
import { adversarialObjectives, edgeConnectVggTaps, edgeStageLosses, inpaintStageLosses, type EdgeConnectStageLosses, type EdgeConnectVggTerms } from './losses.js';
import { EdgeConnectGenerators, fillFromEdges, predictEdges, type EdgeConnectInputs } from './network.js';
import { grayAndEdges } from './edges.js';

const options = z.object({
  size: z.number().int().min(16).multipleOf(4).default(256).describe('Crop size in pixels, a multiple of 4 (official: 256)'),
  batch: z.number().int().min(1).default(8).describe('Crops per step (official: 8)'),
  stage: z.enum(['edge', 'inpaint', 'edge-inpaint', 'joint']).default('edge').describe('edge: train the edge generator (official model 1); inpaint: the inpainting generator from ground-truth edges (model 2); edge-inpaint: the inpainting generator from the edge generator\'s edges in the hole, the edge generator fixed (model 3; start from a run with a trained edge generator); joint: both generators at once, the inpainting losses reaching the edge generator (model 4)'),
  from: z.string().min(1).optional().describe('A generator.safetensors of an earlier run to start from (the edge stage\'s for the inpaint stage; one holding both trained generators for edge-inpaint and joint)'),
  lr: z.number().positive().default(1e-4).describe("Generators' Adam learning rate (official LR)"),
  d2gLr: z.number().positive().default(0.1).describe("Discriminators' learning rate over the generators' (official D2G_LR)"),
  gan: z.enum(['nsgan', 'lsgan', 'hinge']).default('nsgan').describe('Adversarial loss (official GAN_LOSS)'),
  residualBlocks: z.number().int().min(1).default(8).describe('Residual blocks of each generator (official: 8); fewer train faster'),
  off: z.string().default('').describe('Comma-separated loss terms to leave out of the inpaint stage: perceptual, style (they need torchvision\'s VGG19 weights in the weights folder)'),
});

type Options = z.infer<typeof options>;

/** The inpaint stage's terms that run images through VGG19 (their weights: losses.ts). */
const vggTerms = [{ name: 'perceptual', weight: 0.1, vgg: 19 as const }, { name: 'style', weight: 250, vgg: 19 as const }];

/** The loss log's columns of each stage, the generator's total last in both. */
const generatorTotal = { name: 'g_loss', label: 'generator total' };
const edgeStageColumns = [
  { name: 'l_d1', label: 'edge discriminator' },
  { name: 'l_g1', label: 'edge generator adversarial' },
  { name: 'l_fm', label: 'edge feature matching (x10)' },
];
const inpaintStageColumns = [
  { name: 'l_d2', label: 'inpaint discriminator' },
  { name: 'l_g2', label: 'inpaint generator adversarial (x0.1)' },
  { name: 'l_l1', label: 'L1 / hole fraction' },
  { name: 'l_per', label: 'perceptual, VGG19 (x0.1)' },
  { name: 'l_sty', label: 'style, VGG19 (x250)' },
];

/** Both discriminators, as one module (`edge.*`, `inpaint.*`). */
class EdgeConnectDiscriminators extends nn.Module<[never], never> {
  constructor(readonly edge: EdgeConnectDiscriminator, readonly inpaint: EdgeConnectDiscriminator) {
    super();
    this.registerModule('edge', edge);
    this.registerModule('inpaint', inpaint);
  }

  forward(): never {
    throw new Error('call the edge or inpaint discriminator');
  }
}

/** The batch as the official training dataset builds it: each grey image and the Canny edges of all of it. */
function trainingInputs({ image, mask }: TrainingBatch): EdgeConnectInputs {
  const planes = noGrad(() => Array.from({ length: image.shape[0] }, (_, i) => {
    const one = image.narrow(0, i, 1);
    return grayAndEdges(one, zeros([1, 1, one.shape[2], one.shape[3]]));
  }));
  return { images: image, masks: mask, gray: cat(planes.map((p) => p.gray)), edges: cat(planes.map((p) => p.edges)) };
}

/** The generators' weights from an earlier run's generator.safetensors, as the inference loader splits them. */
function startFrom(generators: EdgeConnectGenerators, path: string): void {
  const { stateDict } = decodeSafetensors(readFileSync(path), path);
  generators.loadStateDict(stateDict);
}

export const edgeConnectTraining: NetworkTraining<typeof options> = {
  id: 'edgeconnect',
  options,
  lossTerms: [...edgeStageColumns, ...inpaintStageColumns, generatorTotal],
  fixedOnResume: ['residualBlocks', 'gan'],
  create: async (o: Options) => {
    const vgg = o.stage === 'edge' ? undefined : await inpaintStageVgg(o);
    const generators = new EdgeConnectGenerators(
      new EdgeConnectEdgeGenerator({ residualBlocks: o.residualBlocks }),
      new EdgeConnectInpaintGenerator({ residualBlocks: o.residualBlocks }),
    );
    const useSigmoid = o.gan !== 'hinge';
    const discriminators = new EdgeConnectDiscriminators(new EdgeConnectDiscriminator(2, { useSigmoid }), new EdgeConnectDiscriminator(3, { useSigmoid }));
    if (o.from) startFrom(generators, o.from);
    // One Adam over both networks of the joint stage is the official two: Adam is per parameter.
    const edgeTrained = o.stage === 'edge' || o.stage === 'joint';
    const inpaintTrained = o.stage !== 'edge';
    const trainedParameters = (edge: AnyModule, inpaint: AnyModule) => [...(edgeTrained ? edge.parameters() : []), ...(inpaintTrained ? inpaint.parameters() : [])];
    const betas = [0, 0.9] as const;
    const objective = adversarialObjectives[o.gan];
    const metadata = { model: 'edgeconnect', stage: o.stage, residualBlocks: String(o.residualBlocks) };
    const inpaintColumns = inpaintStageColumns.filter((c) => (c.name !== 'l_per' || vgg?.perceptual) && (c.name !== 'l_sty' || vgg?.style));
    const stageColumns = [...(edgeTrained ? edgeStageColumns : []), ...(inpaintTrained ? inpaintColumns : [])];
    const inpaintLosses = (inputs: EdgeConnectInputs, edges: Tensor) =>
      inpaintStageLosses(discriminators.inpaint, objective, inputs.images, inputs.masks, fillFromEdges(generators.inpaint, inputs, edges), vgg);
    return {
      lossTerms: [...stageColumns, generatorTotal],
      generator: { module: generators, optimizer: new Adam(trainedParameters(generators.edge, generators.inpaint), { lr: o.lr, betas }), metadata },
      discriminator: { module: discriminators, optimizer: new Adam(trainedParameters(discriminators.edge, discriminators.inpaint), { lr: o.lr * o.d2gLr, betas }) },
      generatorLossSees: 'discriminator-before-its-update',
      predict: (batch: TrainingBatch): EdgeConnectStageLosses => {
        const inputs = trainingInputs(batch);
        if (o.stage === 'inpaint') return inpaintLosses(inputs, inputs.edges);
        const predicted = predictEdges(generators.edge, inputs);
        const edgeLosses = edgeTrained ? edgeStageLosses(discriminators.edge, objective, inputs.gray, inputs.edges, predicted) : undefined;
        if (o.stage === 'edge') return edgeLosses!;
        // The edge generator's edges in the hole, the ground truth's outside it (edge_connect.py's train).
        const drawn = o.stage === 'joint' ? predicted : predicted.detach();
        const merged = drawn.mul(inputs.masks).add(inputs.edges.mul(inputs.masks.neg().add(1)));
        const fill = inpaintLosses(inputs, merged);
        return edgeLosses ? addedStages(edgeLosses, fill) : fill;
      },
      discriminatorStep: (_batch: TrainingBatch, losses: EdgeConnectStageLosses) => losses.discriminator,
      generatorStep: (_batch: TrainingBatch, losses: EdgeConnectStageLosses) => losses.generator,
    };
  },
};

/** Both stages' losses as one step's: the totals added, every term kept, g_loss the generators' total. */
function addedStages(edge: EdgeConnectStageLosses, inpaint: EdgeConnectStageLosses): EdgeConnectStageLosses {
  const generator = edge.generator.total.add(inpaint.generator.total);
  return {
    discriminator: { total: edge.discriminator.total.add(inpaint.discriminator.total), terms: { ...edge.discriminator.terms, ...inpaint.discriminator.terms } },
    generator: { total: generator, terms: { ...edge.generator.terms, ...inpaint.generator.terms, g_loss: generator } },
  };
}

/** VGG19 for the perceptual and style terms, from the weights folder; none when both are off. */
async function inpaintStageVgg(o: Options): Promise<EdgeConnectVggTerms | undefined> {
  const off = o.off.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const { terms, vggFiles } = resolveLossTerms(vggTerms, { model: 'edgeconnect', off, weightsDir: weightsFolder() });
  if (terms.length === 0) return undefined;
  const on = (name: string) => terms.some((term) => term.name === name);
  return { features: await loadVggFeatures(19, edgeConnectVggTaps, vggFiles[19]!), perceptual: on('perceptual'), style: on('style') };
}
