import { z } from 'zod';
import type { ImageMethod } from '../../registry/method.js';
import { patchMatchInpaint } from './inpaint.js';

const options = z.object({
  patchSize: z.number().int().min(3).max(15).refine((v) => v % 2 === 1, 'an odd number')
    .default(7).describe('Side in pixels of the square patches compared and copied (odd)'),
  levels: z.number().int().min(0).max(10).default(0)
    .describe('Pyramid levels, coarse to fine; 0 picks them from the hole size'),
  iterations: z.number().int().min(1).max(50).default(3)
    .describe('Expectation-maximisation iterations at each pyramid level'),
  textureWeight: z.number().min(0).max(100).default(6)
    .describe('Weight of the texture features (local gradient strength) against colour when comparing patches; 0 compares colour only'),
  colourCorrection: z.number().min(0).max(255).default(10)
    .describe('Largest shift, in 8-bit levels, that pulls the fill\'s low frequencies towards a diffusion fill; 0 keeps the copied patches as they are'),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(0)
    .describe('Seed of the random search: the same seed gives the same output'),
});

export type PatchMatchOptions = z.infer<typeof options>;

export const patchMatchMethod: ImageMethod<typeof options> = {
  id: 'patchmatch',
  kind: 'image',
  description: 'Exemplar-based filling (PatchMatch nearest neighbours, multi-scale EM voting): carries real texture into the hole',
  needsWeights: false,
  trainable: false,
  options,
  // Exemplars come from around the hole: keep as much context as the hole is large, at least 48 px.
  region: { margin: (w, h) => Math.max(48, Math.max(w, h)) },
  create: (opts) => ({
    inpaint: (image, mask, context) => patchMatchInpaint(image, mask, opts, context),
  }),
};
