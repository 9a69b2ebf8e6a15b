/**
 * FFVI as a video network (models/common/video-network.ts): the ICCV model of Free-Form Video
 * Inpainting, its checkpoints as the official trainer saves them (`{'arch', 'epoch', 'logger',
 * 'state_dict', ..., 'config'}`, the model's state dict under `state_dict`), windows of the
 * released test configs' 15 frames, each filled as the official test run fills it (fill-window.ts).
 */
import { z } from 'zod';
import { singleFileLayout } from '../../weights/release.js';
import type { VideoNetworkDefinition } from '../common/video-network.js';
import { ffviSizeGrid } from './generator.js';
import { ffviFillWindow, ffviTestSize, type FfviFillOptions } from './fill-window.js';
import { FfviModel, loadFfviModel } from './model.js';

const side = (fallback: number, what: string) =>
  z.number().int().min(ffviSizeGrid).max(4096).multipleOf(ffviSizeGrid).default(fallback)
    .describe(`${what} the network runs at, a multiple of ${ffviSizeGrid} (the released test configs' ${fallback}); frames of another size are resized to it and back`);

const options = z.object({
  width: side(ffviTestSize.width, 'Width'),
  height: side(ffviTestSize.height, 'Height'),
});

export const ffvi: VideoNetworkDefinition<FfviModel, FfviFillOptions> = {
  id: 'ffvi',
  paper: 'Chang, Liu, Lee, Hsu: Free-form Video Inpainting with 3D Gated Convolution and Temporal PatchGAN, ICCV 2019',
  summary: 'Free-form video inpainting: 3D gated convolutions over 15-frame windows (needs --weights, a checkpoint of the official trainer)',
  // The released ICCV checkpoint sits in a Google Drive folder whose file name could not be checked
  // here: it, or any file the official trainer writes, is read through this layout.
  checkpoint: singleFileLayout('model', ['state_dict']),
  releases: [],
  trainable: true,
  windowLength: 15,
  options,
  load: (stateDicts) => loadFfviModel(stateDicts.get('model')!),
  fillWindow: (net, frames, masks, values) => ffviFillWindow(net, frames, masks, values),
  randomWeights: () => {
    // The narrowest that builds (conv10 has nf / 2 channels): the contract test runs it at 320x180.
    const model = new FfviModel({ nf: 2, skipConnections: true, discriminator: { nf: 2 } });
    return new Map([['model', model.stateDict()]]);
  },
};
