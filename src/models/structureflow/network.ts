/**
 * StructureFlow as a network method: what its official test (`test.py --model 3`,
 * src/structure_flow.py `test`, src/data.py `load_item`) computes. Pixels in [-1,1], mask 1 = hole,
 * input = photo·(1−mask); the structure image is the relative-total-variation smoothing of the
 * damaged photo as the authors' MATLAB tsmooth makes it (structure-image.ts); the structure
 * reconstructor fills the structure, the texture generator the image from it by appearance flow.
 */
import { ShapeCheck } from '../common/check-shape.js';
import type { NetworkDefinition } from '../common/network.js';
import type { CheckpointLayout, WeightRelease } from '../../weights/release.js';
import { cat, nn, type StateDict, type Tensor } from '../../torch/index.js';
import { FlowGenerator } from './flow-generator.js';
import { StructureGenerator } from './structure-generator.js';
import { structureImage } from './structure-image.js';
import { loadWeights } from '../common/load-weights.js';

export interface StructureFlowInputs {
  /** [1,3,H,W] in [-1,1]. */
  readonly images: Tensor;
  /** [1,3,H,W] in [-1,1]: the smoothed damaged photo, 8-bit levels. */
  readonly structures: Tensor;
  /** [1,1,H,W], 1 = hole. */
  readonly masks: Tensor;
}

/** Both generators as one module: `s_gen.*` and `f_gen.*` in a file of ours. */
export class StructureFlowGenerators extends nn.Module<[StructureFlowInputs], Tensor> {
  constructor(readonly s_gen: StructureGenerator, readonly f_gen: FlowGenerator) {
    super();
    this.registerModule('s_gen', s_gen);
    this.registerModule('f_gen', f_gen);
  }

  /** `structure_forward` then `flow_forward`: the filled image [1,3,H,W] in [-1,1] (before the merge). */
  forward({ images, structures, masks }: StructureFlowInputs): Tensor {
    const known = masks.neg().add(1);
    const inputs = images.mul(known);
    const structure = this.s_gen.call(cat([inputs, structures.mul(known), masks], 1));
    return this.f_gen.call(cat([inputs, structure, masks], 1)).image;
  }
}

/** The official checkpoints folder: `BaseModel.load('latest')` reads `latest_net_{s_gen,f_gen}.pth`, plain state dicts. */
const layout: CheckpointLayout = {
  files: [
    { subNetwork: 's_gen', fileName: 'latest_net_s_gen.pth' },
    { subNetwork: 'f_gen', fileName: 'latest_net_f_gen.pth' },
  ],
};

function officialRelease(name: string, dataset: string): WeightRelease {
  return {
    name,
    description: `official StructureFlow weights trained on ${dataset}`,
    publishedAt: 'https://github.com/RenYurui/StructureFlow (README, "Pretrained models": Google Drive folders)',
    files: layout.files.map((file) => file.fileName!),
    layout,
  };
}

/** The width (`dim`, the first layer's channels) and residual blocks a state dict was saved with. */
function widthOf(stateDict: StateDict, firstWeight: string, firstChannels: (c: number) => number, blocks: RegExp): { dim: number; residualBlocks: number } {
  const weight = stateDict.get(firstWeight);
  const indices = [...stateDict.keys()].map((key) => blocks.exec(key)?.[1]).filter((i) => i !== undefined).map(Number);
  return {
    dim: weight ? firstChannels(weight.shape[0]) : 64,
    residualBlocks: indices.length === 0 ? 0 : Math.max(...indices) + 1,
  };
}

export const structureFlow: NetworkDefinition<StructureFlowGenerators, StructureFlowInputs> = {
  id: 'structureflow',
  paper: 'Ren, Yu, Zhang, Li, Liu, Li: StructureFlow: Image Inpainting via Structure-aware Appearance Flow, ICCV 2019',
  summary: 'StructureFlow (Ren et al. 2019): fills an edge-preserving smoothed structure image, then the texture by appearance flow; needs trained weights (--weights) and the libtorch engine',
  maskConvention: '1 = hole',
  valueRange: { kind: '[-1,1]' },
  // The flow column halves four times.
  sizeGrid: 16,
  // Its 5x5 reflection-padded convolutions at a sixteenth of the size need a side above 2 there.
  minimumSize: 48,
  nativeSize: 256,
  largestSize: 1024,
  contextMargin: (width, height) => Math.max(96, width, height),
  checkpoint: layout,
  releases: [officialRelease('places2', 'Places2'), officialRelease('celeba', 'CelebA'), officialRelease('paris', 'Paris StreetView')],
  trainable: true,
  load(stateDicts) {
    const sState = stateDicts.get('s_gen')!;
    const fState = stateDicts.get('f_gen')!;
    const sGen = new StructureGenerator(widthOf(sState, 'input_layer.conv.weight_orig', (c) => c, /^up_sample\.0\.0\.model\.(\d+)\./));
    const fGen = new FlowGenerator(widthOf(fState, 'flow_column.down_sample_flow.0.0.conv.weight', (c) => 2 * c, /^flow_column\.up_sample_flow\.0\.0\.model\.(\d+)\./));
    loadWeights([sGen, sState], [fGen, fState]);
    return new StructureFlowGenerators(sGen, fGen).eval();
  },
  input(images, masks) {
    new ShapeCheck('structureflow').check('images', images, [1, 3, 'H', 'W']).check('masks', masks, [1, 1, 'H', 'W']).multipleOf(['H', 'W'], 16);
    return { images, masks, structures: structureImage(images, masks) };
  },
  forward: (generators, inputs) => generators.call(inputs),
  randomWeights: () => new Map([
    ['s_gen', new StructureGenerator({ dim: 8, residualBlocks: 1 }).stateDict()],
    ['f_gen', new FlowGenerator({ dim: 8, residualBlocks: 1 }).stateDict()],
  ]),
};
