/**
 * EdgeConnect as a network method: its description (what the official test script expects) and
 * the functions only it knows. Mask, value range and pipeline follow knazeri/edge-connect's
 * `test.py` (src/edge_connect.py `test`, src/dataset.py `load_item`): pixels in [0,1], mask
 * 1 = hole, sides multiples of 4, the whole image in one pass; the grey image and its Canny edges
 * outside the hole (edges.ts) go to the edge generator, whose whole edge map goes with the image
 * to the inpainting generator.
 */
import { z } from 'zod';
import { InvalidInputError } from '../../core/errors.js';
import { ShapeCheck } from '../common/check-shape.js';
import type { NetworkDefinition } from '../common/network.js';
import type { WeightRelease } from '../../weights/release.js';
import { cat, nn, type StateDict, type Tensor } from '../../torch/index.js';
import { edgeConnectGray, grayAndEdges } from './edges.js';
import { EdgeConnectEdgeGenerator, EdgeConnectInpaintGenerator } from './generator.js';
import { loadWeights } from '../common/load-weights.js';

/** The official test's model 3 (edges, then the fill) and model 2 (the fill from the image's own edges). */
const edgeConnectModes = ['edges-then-inpaint', 'inpaint'] as const;
export type EdgeConnectMode = (typeof edgeConnectModes)[number];

export interface EdgeConnectInputs {
  /** [1,3,H,W] in [0,1]. */
  readonly images: Tensor;
  /** [1,1,H,W]: scikit-image's grey image. */
  readonly gray: Tensor;
  /** [1,1,H,W]: Canny edges of the known area (0 in the hole). */
  readonly edges: Tensor;
  /** [1,1,H,W], 1 = hole. */
  readonly masks: Tensor;
}

const options = z.object({
  mode: z.enum(edgeConnectModes).default('edges-then-inpaint')
    .describe('edges-then-inpaint: the edge generator draws the edges in the hole, the inpainting generator follows them (the official test\'s default, its model 3); inpaint: the inpainting generator alone, from the edges outside the hole (model 2)'),
  edges: z.string().min(1).optional()
    .describe('An edge map of your own in place of Canny\'s (a grey image the size of the input, white = edge; the official --edge file): with mode=inpaint its edges inside the hole guide the fill, as a sketch; inpaint edges writes one to start from'),
});
export type EdgeConnectOptions = z.infer<typeof options>;

/** The two generators a release holds, as one module: `edge.*` and `inpaint.*` in a file of ours. */
export class EdgeConnectGenerators extends nn.Module<[EdgeConnectInputs, EdgeConnectMode], Tensor> {
  constructor(readonly edge: EdgeConnectEdgeGenerator, readonly inpaint: EdgeConnectInpaintGenerator) {
    super();
    this.registerModule('edge', edge);
    this.registerModule('inpaint', inpaint);
  }

  /** The filled image [1,3,H,W] in [0,1], as the official test computes it in `mode`. */
  forward(inputs: EdgeConnectInputs, mode: EdgeConnectMode): Tensor {
    const edges = mode === 'inpaint' ? inputs.edges : predictEdges(this.edge, inputs);
    return fillFromEdges(this.inpaint, inputs, edges);
  }
}

/** The official release files: a folder with both generators, each saved as {'iteration', 'generator'}. */
const files = [
  { subNetwork: 'edge', fileName: 'EdgeModel_gen.pth', keys: ['generator'] },
  { subNetwork: 'inpaint', fileName: 'InpaintingModel_gen.pth', keys: ['generator'] },
];

function officialRelease(name: string, dataset: string): WeightRelease {
  return {
    name,
    description: `official EdgeConnect weights trained on ${dataset}`,
    publishedAt: 'https://github.com/knazeri/edge-connect (README, "Getting Started": pre-trained models)',
    files: files.map((file) => file.fileName),
    layout: { files },
  };
}

/** The residual blocks a generator's state dict holds (`middle.N.`): 8 in every release. */
function residualBlocks(stateDict: StateDict): number {
  const indices = [...stateDict.keys()].map((key) => /^middle\.(\d+)\./.exec(key)?.[1]).filter((i) => i !== undefined).map(Number);
  return indices.length === 0 ? 0 : Math.max(...indices) + 1;
}

export const edgeConnect: NetworkDefinition<EdgeConnectGenerators, EdgeConnectInputs, EdgeConnectOptions> = {
  id: 'edgeconnect',
  paper: 'Nazeri, Ng, Joseph, Qureshi, Ebrahimi: EdgeConnect: Structure Guided Image Inpainting using Edge Prediction, ICCV workshops 2019',
  summary: 'EdgeConnect (Nazeri et al. 2019): predicts the edges in the hole, then fills guided by them; needs trained weights (--weights) and the libtorch engine',
  maskConvention: '1 = hole',
  valueRange: { kind: '[0,1]' },
  sizeGrid: 4,
  // Its residual blocks reflect-pad by 2 at a quarter of the size: a quarter must exceed 2.
  minimumSize: 12,
  nativeSize: 256,
  // Fully convolutional; its receptive field (about 200 px) is what the context must cover.
  largestSize: 1024,
  contextMargin: (width, height) => Math.max(96, width, height),
  checkpoint: { files },
  releases: [officialRelease('places2', 'Places2'), officialRelease('celeba', 'CelebA'), officialRelease('psv', 'Paris StreetView')],
  trainable: true,
  options,
  load(stateDicts) {
    const edgeState = stateDicts.get('edge')!;
    const inpaintState = stateDicts.get('inpaint')!;
    const edge = new EdgeConnectEdgeGenerator({ residualBlocks: residualBlocks(edgeState) });
    const inpaint = new EdgeConnectInpaintGenerator({ residualBlocks: residualBlocks(inpaintState) });
    loadWeights([edge, edgeState], [inpaint, inpaintState]);
    return new EdgeConnectGenerators(edge, inpaint).eval();
  },
  guideOption: 'edges',
  input(images, masks, _options, edgeMap) {
    new ShapeCheck('edgeconnect').check('images', images, [1, 3, 'H', 'W']).check('masks', masks, [1, 1, 'H', 'W']).multipleOf(['H', 'W'], 4);
    if (edgeMap) return { images, masks, gray: edgeConnectGray(images), edges: greyChannel(edgeMap) };
    const { gray, edges } = grayAndEdges(images, masks);
    return { images, masks, gray, edges };
  },
  forward: (generators, inputs, { mode }) => generators.call(inputs, mode),
  randomWeights: () => new Map([
    ['edge', new EdgeConnectEdgeGenerator({ residualBlocks: 1 }).stateDict()],
    ['inpaint', new EdgeConnectInpaintGenerator({ residualBlocks: 1 }).stateDict()],
  ]),
};

/** `EdgeModel.forward`: the edge map [1,1,H,W] from the grey image and the edges outside the hole. */
export function predictEdges(generator: EdgeConnectEdgeGenerator, { gray, edges, masks }: EdgeConnectInputs): Tensor {
  const known = masks.neg().add(1);
  return generator.call(cat([gray.mul(known).add(masks), edges.mul(known), masks], 1));
}

/** `InpaintingModel.forward`: the image [1,3,H,W] in [0,1] from the image outside the hole and an edge map. */
export function fillFromEdges(generator: EdgeConnectInpaintGenerator, { images, masks }: EdgeConnectInputs, edges: Tensor): Tensor {
  return generator.call(cat([images.mul(masks.neg().add(1)).add(masks), edges], 1));
}

/** The one channel of a grey edge map given as [1,3,H,W] (the official reader takes a grey file as it is). */
function greyChannel(edgeMap: Tensor): Tensor {
  const [red, green, blue] = edgeMap.split(1, 1);
  if (red.sub(green).abs().amax().item() !== 0 || red.sub(blue).abs().amax().item() !== 0) {
    throw new InvalidInputError('edgeconnect edges', 'a grey image (white = edge)', 'an image in colour');
  }
  return red;
}
