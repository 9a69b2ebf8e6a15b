/**
 * CSA (coherent semantic attention) as a network method: its description (what the official code
 * expects) and the functions only it knows. Mask, value range and size follow the official test
 * notebook (test.ipynb, CSA.py): pixels in [-1,1], mask 1 = hole, 256 x 256 (eight halvings). No
 * weights are published; a release is a folder as the official training notebook saves one
 * (`save_network`: `<epoch>_net_G.pth`, `<epoch>_net_P.pth`, plain state dicts), at the epoch
 * test.ipynb loads (30). A single file is what `inpaint train` writes: both, under `P.` and `G.`.
 */
import type { NetworkDefinition } from '../common/network.js';
import { singleFileLayout, type CheckpointLayout, type WeightRelease } from '../../weights/release.js';
import { complete, csaInputs, SIZE_GRID, type CsaInputs } from './completion.js';
import { CsaNetworks } from './networks.js';

/** The epoch test.ipynb loads (`load_epoch=30`). */
const EPOCH = 30;

/** A folder of the official training notebook's generator files. */
export const releaseLayout: CheckpointLayout = {
  files: [
    { subNetwork: 'rough', fileName: `${EPOCH}_net_P.pth` },
    { subNetwork: 'refine', fileName: `${EPOCH}_net_G.pth` },
  ],
};

/** The sub-network name of a file from `inpaint train`: netP and netG in one state dict. */
const TRAINED = 'trained';

const trainedFolder: WeightRelease = {
  name: 'official-training',
  description: 'a folder of the official train.ipynb (no weights are published: issues #6, #13, #25)',
  publishedAt: 'https://github.com/KumapowerLIU/CSA-inpainting (train.ipynb, model.save(epoch))',
  files: [`${EPOCH}_net_G.pth`, `${EPOCH}_net_P.pth`],
  layout: releaseLayout,
};

export const csa: NetworkDefinition<CsaNetworks, CsaInputs> = {
  id: 'csa',
  paper: 'Liu, Jiang, Xiong, Yang, Zhang: Coherent Semantic Attention for Image Inpainting, ICCV 2019',
  summary: 'CSA (Liu et al. 2019): a rough U-Net, then a refinement U-Net whose coherent semantic attention rebuilds the hole features one after another; needs trained weights (--weights) and the libtorch engine',
  maskConvention: '1 = hole',
  valueRange: { kind: '[-1,1]' },
  sizeGrid: SIZE_GRID,
  nativeSize: SIZE_GRID,
  // Trained and tested at 256 only; larger crops are resized down to it.
  largestSize: SIZE_GRID,
  contextMargin: (width, height) => Math.max(64, width, height),
  checkpoint: singleFileLayout(TRAINED),
  releases: [trainedFolder],
  trainable: true,
  load(stateDicts) {
    const trained = stateDicts.get(TRAINED);
    if (trained) return CsaNetworks.withTrainedWeights(trained);
    return CsaNetworks.withWeights(stateDicts.get('rough')!, stateDicts.get('refine')!);
  },
  input: (pixels, mask) => csaInputs(pixels, mask),
  forward: (net, inputs) => complete(net.rough, net.refine, inputs).refined,
  randomWeights: () => new Map([[TRAINED, CsaNetworks.random(2).stateDict()]]),
};
