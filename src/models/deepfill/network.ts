/**
 * DeepFill v2 as a network method: its description (what the official code expects) and the
 * functions only it knows. Mask, value range and sizes follow the reference port's `test.py`
 * (nipponjo/deepfillv2-pytorch): pixels in [-1, 1], mask 1 = hole, sides multiples of 8, the whole
 * image in one pass; the refined stage's output is the result.
 */
import type { NetworkDefinition } from '../common/network.js';
import { loadNetwork } from '../common/network-weights.js';
import { singleFileLayout, type WeightRelease } from '../../weights/release.js';
import type { Tensor } from '../../torch/index.js';
import { DeepFillGenerator } from './generator.js';
import { networkInput } from './inpaint.js';
import { generatorWidth } from './weights.js';
import { loadWeights } from '../common/load-weights.js';

/** The port's checkpoints hold {'G': generator, 'D': ...}; `inpaint train` writes the generator alone. */
const layout = singleFileLayout('generator', ['G']);

/** An official release as the port converted it: one file, the generator under 'G'. */
function portRelease(name: string, dataset: string, fileName: string): WeightRelease {
  return {
    name,
    description: `official DeepFill v2 weights trained on ${dataset}, converted to PyTorch by nipponjo`,
    publishedAt: 'https://github.com/nipponjo/deepfillv2-pytorch (README, "Pretrained weights")',
    files: [fileName],
    layout: { files: [{ subNetwork: 'generator', fileName, keys: ['G'] }] },
  };
}

export const deepFillV2: NetworkDefinition<DeepFillGenerator, { x: Tensor; mask: Tensor }> = {
  id: 'deepfillv2',
  paper: 'Yu, Lin, Yang, Shen, Lu, Huang: Free-Form Image Inpainting with Gated Convolution, ICCV 2019',
  summary: 'DeepFill v2 (Yu et al. 2019): gated convolutions and contextual attention; needs trained weights (--weights) and the libtorch engine',
  maskConvention: '1 = hole',
  valueRange: { kind: '[-1,1]' },
  sizeGrid: 8,
  nativeSize: 256,
  // Contextual attention compares every pair of 1/4-scale patches: 512 px sides make a 4096 x 4096
  // score matrix (64 MB); 1024 would make 1 GB.
  largestSize: 512,
  // Contextual attention copies from known features: give it as much context as the hole is large.
  contextMargin: (width, height) => Math.max(64, width, height),
  checkpoint: layout,
  releases: [
    portRelease('places2', 'Places2', 'states_tf_places2.pth'),
    portRelease('celebahq', 'CelebA-HQ', 'states_tf_celebahq.pth'),
  ],
  trainable: true,
  load(stateDicts) {
    const stateDict = stateDicts.get('generator')!;
    const generator = new DeepFillGenerator({ cnum: generatorWidth(stateDict) });
    loadWeights([generator, stateDict]);
    return generator.eval();
  },
  input: (pixels, mask) => ({ x: networkInput(pixels, mask), mask }),
  forward: (generator, { x, mask }) => generator.call(x, mask).refined,
  randomWeights: () => new Map([['generator', new DeepFillGenerator({ cnum: 4 }).stateDict()]]),
};

/** A generator in evaluation mode with the weights at path, as the `deepfillv2` method loads them. */
export function loadGenerator(path: string): Promise<DeepFillGenerator> {
  return loadNetwork(deepFillV2, path);
}
