/**
 * The widths of Pluralistic weights, read from the encoder's state dict, so that the narrow
 * networks of the tests and of a short training run load as well as the official ones
 * (pluralistic_model.py builds ngf=32, z_nc=128, img_f=128).
 */
import { InvalidInputError } from '../../core/errors.js';
import type { StateDict } from '../../torch/index.js';

export interface PluralisticWidths {
  /** Channels of the first block (ngf). */
  readonly ngf: number;
  /** Channels of the latent code (z_nc). */
  readonly zChannels: number;
  /** The widest features (img_f): the encoder's last block. */
  readonly imgF: number;
}

export const officialWidths: PluralisticWidths = { ngf: 32, zChannels: 128, imgF: 128 };

export function encoderWidths(encoder: StateDict): PluralisticWidths {
  const first = encoder.get('block0.conv1.module.weight_bar');
  const prior = encoder.get('prior.conv2.module.weight_bar');
  if (!first || !prior) {
    throw new InvalidInputError('weights', 'a Pluralistic encoder state dict (latest_net_E.pth, with block0.conv1.module.weight_bar)',
      `keys ${[...encoder.keys()].slice(0, 5).join(', ')}${encoder.size > 5 ? ', ...' : ''}`);
  }
  return { ngf: first.shape[0], zChannels: prior.shape[0] / 2, imgF: prior.shape[1] };
}
