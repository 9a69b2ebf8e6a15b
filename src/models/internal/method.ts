/**
 * `internal`: the video method of "An Internal Learning Approach to Video Inpainting" (Zhang et
 * al., ICCV 2019). No weights: a network is optimised on the clip itself for a step budget.
 */
import { z } from 'zod';
import type { VideoMethod } from '../../registry/video-method.js';
import { internalVideo } from './internal-video.js';
import { INTERNAL_LOSS_TERMS, type InternalLossTerm } from './losses.js';

// Lists stay strings in the options (parsed options are parsed again on their way to a worker).
const parseList = (text: string): string[] => (text === '' ? [] : text.split(','));

const strideList = z.string().regex(/^\d+(,\d+)*$/, 'comma-separated strides such as 1,3,5')
  .refine((text) => {
    const strides = parseList(text).map(Number);
    return strides.includes(1) && strides.every((s) => s >= 1 && s <= 20);
  }, 'strides from 1 to 20, 1 among them');

const termList = z.string()
  .refine((text) => parseList(text).every((t) => (INTERNAL_LOSS_TERMS as readonly string[]).includes(t)), `comma-separated terms among ${INTERNAL_LOSS_TERMS.join(', ')}`);

const internalOptions = z.object({
  steps: z.number().int().min(1).max(1_000_000).default(100)
    .describe('Optimisation steps on the clip (the official run is 20 passes of 51 batches x 100 steps, hours on a GPU)'),
  itersPerBatch: z.number().int().min(1).max(1000).default(20)
    .describe('Steps on each batch of 5 frames before the next (official: 100)'),
  size: z.number().int().min(64).max(2048).default(384)
    .describe('Longer side of the working frames, in pixels (official: 384x192); the output is scaled back'),
  strides: strideList.default('1,3,5')
    .describe('Frame distances of the training batches and their flows (official: 1,3,5)'),
  depth: z.number().int().min(2).max(6).default(6)
    .describe('Levels of the encoder-decoder (official: 6)'),
  lr: z.number().positive().max(1).default(0.01).describe('Adam learning rate (official: 0.01)'),
  off: termList.default('perceptual')
    .describe('Loss terms left out: the default leaves out perceptual, which needs torchvision\'s vgg16-397923af.pth (--set off= --set vgg=FILE turns it on)'),
  vgg: z.string().min(1).optional().describe('torchvision\'s vgg16-397923af.pth, for the perceptual term'),
  seed: z.number().int().min(0).max(0xffffffff).default(0).describe('Seed of the network, the noise maps and the batch order'),
  checkpoint: z.string().min(1).optional()
    .describe('File to save the optimisation to, and to resume it from when it exists (same clip and options)'),
  checkpointEvery: z.number().int().min(1).max(1_000_000).default(50).describe('Steps between checkpoint saves'),
});

export const internalMethod: VideoMethod<typeof internalOptions> = {
  id: 'internal',
  kind: 'video',
  description: 'Internal learning (Zhang et al. 2019): a network optimised on this clip alone, frames and flows from noise; slow (set steps)',
  needsWeights: false,
  trainable: false,
  options: internalOptions,
  create: (options) => ({
    inpaint: (frames, masks, context) => internalVideo(frames, masks, {
      ...options,
      strides: [...new Set(parseList(options.strides).map(Number))],
      off: parseList(options.off) as InternalLossTerm[],
    }, context),
  }),
};
