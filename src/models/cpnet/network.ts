/**
 * CPNet as a video network method: the release (`weight.pth`, a state dict saved from
 * nn.DataParallel) and the official test loop run over each window of the clip (video-loop.ts).
 */
import type { VideoNetworkDefinition } from '../common/video-network.js';
import type { StateDict } from '../../torch/index.js';
import { CPNet, officialWidth } from './cpnet.js';
import { fillCPNetWindow } from './fill-window.js';
import { loadWeights } from '../common/load-weights.js';

const files = [{ subNetwork: 'cpnet' }];

/** The first layer's channels a state dict was saved with (64 in the release). */
function widthOf(stateDict: StateDict): number {
  return stateDict.get('A_Encoder.conv12.conv.0.weight')?.shape[0] ?? officialWidth;
}

export const cpnet: VideoNetworkDefinition<CPNet> = {
  id: 'cpnet',
  paper: 'Lee, Oh, Won, Kim: Copy-and-Paste Networks for Deep Video Inpainting, ICCV 2019',
  summary: 'Copy-and-paste networks (Lee et al. 2019): aligns other frames onto each frame and copies what they show into its hole; needs the official weight.pth (--weights) and the libtorch engine',
  checkpoint: { files },
  releases: [{
    name: 'davis',
    description: 'the official CPNet weights (trained on YouTube-VOS and DAVIS-style holes)',
    publishedAt: 'https://github.com/shleecs/Copy-and-Paste-Networks-for-Deep-Video-Inpainting (README, "Download weights": weight.pth on Dropbox)',
    files: ['weight.pth'],
    layout: { files: [{ subNetwork: 'cpnet', fileName: 'weight.pth' }] },
  }],
  trainable: true,
  // Each frame takes every second frame of its window as a reference, so a frame's cost grows with
  // the window; the official test, on a GPU, takes them within 120 frames. README.md: the choice.
  windowLength: 16,
  load(stateDicts) {
    const stateDict = stateDicts.get('cpnet')!;
    const net = new CPNet(widthOf(stateDict));
    loadWeights([net, stateDict]);
    return net.eval();
  },
  fillWindow: (net, frames, masks) => fillCPNetWindow(net, frames, masks),
  randomWeights: () => new Map([['cpnet', new CPNet(4).stateDict()]]),
};
