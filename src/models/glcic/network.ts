/**
 * GLCIC as a network method: what the official test script (satoshiiizuka/siggraph2017_inpainting,
 * inpaint.lua) does. The image in [0,1] minus the release's dataset mean (read from the file), the
 * hole (mask 1) set to 0, the mask as a fourth channel; sides multiples of 4; images up to 600 px
 * run whole (its --maxdim); the sigmoid output fills the hole. Then by default its --postproc
 * (postprocess.ts); `--set postprocess=none` gives the network's output as inpaint.lua does without it.
 */
import { z } from 'zod';
import type { NetworkDefinition } from '../common/network.js';
import type { CheckpointLayout, WeightRelease } from '../../weights/release.js';
import type { Tensor } from '../../torch/index.js';
import { CompletionNetwork } from './completion-network.js';
import { inTorch7ModuleOrder } from './torch7-module-order.js';
import { completionWidth } from './weights.js';
import { officialPostprocess } from './postprocess.js';
import { loadWeights } from '../common/load-weights.js';

const options = z.object({
  postprocess: z.enum(['official', 'none']).default('official')
    .describe("'official': inpaint.lua's --postproc (the hole refilled by Telea, the network's fill Poisson-blended into it); 'none': the network's output"),
});

/** A release file is `torch.save({model = ..., mean = ...})`: the whole file is the state dict. */
const layout: CheckpointLayout = { files: [{ subNetwork: 'completion', whole: true }] };

function officialRelease(name: string, fileName: string, description: string): WeightRelease {
  return {
    name,
    description,
    publishedAt: 'https://github.com/satoshiiizuka/siggraph2017_inpainting (download_model.sh)',
    files: [fileName],
    layout: { files: [{ subNetwork: 'completion', fileName, whole: true }] },
  };
}

export const glcic: NetworkDefinition<CompletionNetwork, { pixels: Tensor; mask: Tensor }, z.infer<typeof options>> = {
  id: 'glcic',
  paper: 'Iizuka, Simo-Serra, Ishikawa: Globally and Locally Consistent Image Completion, SIGGRAPH 2017',
  summary: 'GLCIC (Iizuka et al. 2017): dilated convolutions, trained against a global and a local discriminator; needs the official .t7 weights (--weights) and the libtorch engine',
  maskConvention: '1 = hole',
  valueRange: { kind: '[0,1]' },
  sizeGrid: 4,
  // inpaint.lua runs the whole image up to a long side of 600 (--maxdim).
  nativeSize: 600,
  largestSize: 600,
  // Four dilated layers see about 120 px around a pixel at 1/4 scale: context well beyond the hole.
  contextMargin: (width, height) => Math.max(96, width, height),
  checkpoint: layout,
  releases: [
    officialRelease('places2_freeform', 'completionnet_places2_freeform.t7', 'official GLCIC trained on Places2 with free-form holes (inpaint.lua\'s default)'),
    officialRelease('places2', 'completionnet_places2.t7', 'official GLCIC trained on Places2 with rectangular holes (the paper\'s model)'),
    officialRelease('celeba', 'completionnet_celeba.t7', 'official GLCIC trained on CelebA faces with rectangular holes'),
  ],
  trainable: true,
  options,
  load(stateDicts) {
    const stateDict = stateDicts.get('completion')!;
    const network = new CompletionNetwork({ width: completionWidth(stateDict) });
    loadWeights([network, inTorch7ModuleOrder(stateDict, network.stateDict())]);
    return network.eval();
  },
  input: (pixels, mask) => ({ pixels, mask }),
  forward: (network, { pixels, mask }, { postprocess }) => {
    const filled = network.call(pixels, mask);
    if (postprocess === 'none') return filled;
    // inpaint.lua post-processes the completed image: known pixels the input's, the hole the network's.
    return officialPostprocess(pixels.mul(mask.neg().add(1)).add(filled.mul(mask)), mask);
  },
  randomWeights: () => new Map([['completion', new CompletionNetwork({ width: 4 }).stateDict()]]),
};
