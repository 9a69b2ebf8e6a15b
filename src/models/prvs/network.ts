/**
 * PRVS as a network method: what its test code (run.py --test, model.py `test`, dataset.py)
 * feeds the generator, and the functions only it knows. Pixels in [0,1]; the mask 1 = valid,
 * replicated to 3 channels; the image and the Canny edge map (sigma 2, of the whole photo) zeroed
 * in the hole; sides multiples of 256 (2^8 halvings), the whole image in one pass. The image
 * output has no final activation: values outside [0,1] are clamped when it becomes pixels.
 */
import type { NetworkDefinition } from '../common/network.js';
import { ShapeCheck } from '../common/check-shape.js';
import { singleFileLayout } from '../../weights/release.js';
import { cat, type StateDict, type Tensor } from '../../torch/index.js';
import { cannyEdges } from './edge-input.js';
import { OFFICIAL_WIDTHS, PrvsNet } from './generator.js';
import { loadWeights } from '../common/load-weights.js';

/** The generator's inputs as model.py `test` makes them. */
export interface PrvsInputs {
  /** [B,3,H,W], the hole zeroed. */
  readonly image: Tensor;
  /** [B,3,H,W], 1 = valid. */
  readonly mask: Tensor;
  /** [B,1,H,W] Canny edges, the hole zeroed. */
  readonly edge: Tensor;
}

/** The official training script's files hold {'n_iter', 'generator', 'optimizer_G'}; `inpaint train` writes the generator alone. */
const layout = singleFileLayout('generator', ['generator']);

/** The official constructor arguments a state dict was saved with: its layer count and widths. */
export function prvsShape(stateDict: StateDict): { layerSize: number; widths: readonly [number, number, number] } {
  const layers = [...stateDict.keys()].map((key) => /^enc_(\d+)\./.exec(key)).filter((m) => m !== null).map((m) => Number(m[1]));
  const width = (key: string, official: number): number => stateDict.get(key)?.shape[0] ?? official;
  return {
    layerSize: layers.length > 0 ? Math.max(...layers) : 8,
    widths: [width('enc_2.feat_rec.weight', OFFICIAL_WIDTHS[0]), width('enc_3.conv.weight', OFFICIAL_WIDTHS[1]), width('enc_4.conv.weight', OFFICIAL_WIDTHS[2])],
  };
}

/** image [B,3,H,W] in [0,1] and mask [B,1,H,W] (1 = valid) as the test script feeds them; `edges` the photo's Canny edges. */
export function prvsInputs(pixels: Tensor, mask: Tensor, edges = cannyEdges(pixels)): PrvsInputs {
  return { image: pixels.mul(mask), mask: cat([mask, mask, mask], 1), edge: edges.mul(mask) };
}

export const prvs: NetworkDefinition<PrvsNet, PrvsInputs> = {
  id: 'prvs',
  paper: 'Li, Zhang, Lu, Jiang, Huang: Progressive Reconstruction of Visual Structure for Image Inpainting, ICCV 2019',
  summary: 'PRVS (Li et al. 2019): partial-convolution U-Net reconstructing Canny edges progressively; no released weights, train with inpaint train --model prvs (--weights)',
  maskConvention: '1 = valid',
  valueRange: { kind: '[0,1]' },
  sizeGrid: 256,
  nativeSize: 256,
  // Trained at 256; at 512 the bottleneck is 2x2, still a whole-image pass.
  largestSize: 512,
  contextMargin: (width, height) => Math.max(64, width, height),
  checkpoint: layout,
  releases: [],
  trainable: true,
  load(stateDicts) {
    const stateDict = stateDicts.get('generator')!;
    const net = new PrvsNet(prvsShape(stateDict));
    loadWeights([net, stateDict]);
    return net.eval();
  },
  input: (pixels, mask) => prvsInputs(pixels, mask),
  forward(net, { image, mask, edge }) {
    new ShapeCheck('PRVS').check('image', image, ['B', 3, 'H', 'W']).check('mask', mask, ['B', 3, 'H', 'W']).check('edge', edge, ['B', 1, 'H', 'W'])
      .multipleOf(['H', 'W'], 2 ** net.layerSize);
    return net.call(image, mask, edge).image;
  },
  randomWeights: () => new Map([['generator', new PrvsNet({ widths: [8, 8, 8] }).stateDict()]]),
};
