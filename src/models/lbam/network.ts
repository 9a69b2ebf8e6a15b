/**
 * LBAM as a network method: its description (what the official test.py expects) and the
 * functions only it knows. Pixels in [0, 1], mask 1 = valid (test.py thresholds the mask file at
 * 0.5 and inverts it: white = hole), sides multiples of 128, the whole 256x256 image in one pass.
 * The output is in [0, 1] ((tanh + 1) / 2); the platform composites the known pixels back, as
 * test.py does (`output * (1 - mask) + input * mask`).
 */
import type { NetworkDefinition } from '../common/network.js';
import { singleFileLayout } from '../../weights/release.js';
import { LbamGenerator, lbamSizeGrid } from './generator.js';
import { lbamInputs, type LbamInputs } from './inpaint.js';
import { lbamWidth } from './weights.js';
import { loadWeights } from '../common/load-weights.js';

/** train.py saves `torch.save(netG.state_dict())`: a plain state dict, nothing nested. */
const layout = singleFileLayout('generator', []);

/**
 * The released Paris StreetView generator (no batch norm, output (tanh + 1) / 2). The repository
 * does not name the file in its Drive folder; train.py writes `LBAM_{epoch}.pth` every 10 epochs
 * of 500, so the folder lookup expects `LBAM_500.pth` (any name loads when given as a file).
 */
const releaseFile = 'LBAM_500.pth';

export const lbam: NetworkDefinition<LbamGenerator, LbamInputs> = {
  id: 'lbam',
  paper: 'Xie, Liu, Li, Lin, Ye, Ding: Image Inpainting with Learnable Bidirectional Attention Maps, ICCV 2019',
  summary: 'LBAM (Xie et al. 2019): U-Net with learnable forward and reverse attention maps; needs trained weights (--weights) and the libtorch engine',
  maskConvention: '1 = valid',
  valueRange: { kind: '[0,1]' },
  sizeGrid: lbamSizeGrid,
  nativeSize: 256,
  // Fully convolutional; trained at 256, where the bottleneck is 2x2. At 512 it is 4x4.
  largestSize: 512,
  // No attention over distant patches: the receptive field reaches the whole 256 crop anyway.
  contextMargin: (width, height) => Math.max(32, Math.ceil(Math.max(width, height) / 2)),
  checkpoint: layout,
  releases: [{
    name: 'paris',
    description: 'official LBAM generator trained on Paris StreetView (batch norm removed, output (tanh + 1) / 2)',
    publishedAt: 'https://github.com/Vious/LBAM_Pytorch (README, "Some Results": Google Drive folder 17DJEp0APDcZoWPIHwMFs78ak59pYlDPw, Baidu code mvzh)',
    files: [releaseFile],
    layout: { files: [{ subNetwork: 'generator', fileName: releaseFile, keys: [] }] },
  }],
  trainable: true,
  load(stateDicts) {
    const stateDict = stateDicts.get('generator')!;
    const generator = new LbamGenerator({ width: lbamWidth(stateDict) });
    loadWeights([generator, stateDict]);
    return generator.eval();
  },
  input: (pixels, mask) => lbamInputs(pixels, mask),
  forward: (generator, { input, masks }) => generator.call(input, masks),
  randomWeights: () => new Map([['generator', new LbamGenerator({ width: 8 }).stateDict()]]),
};
