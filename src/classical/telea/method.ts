import { z } from 'zod';
import type { ImageMethod } from '../../registry/method.js';
import { teleaInpaint } from './telea.js';

const options = z.object({
  radius: z
    .number()
    .int()
    .min(1)
    .max(64)
    .default(3)
    .describe('Radius in pixels of the known neighbourhood each filled pixel is estimated from'),
});

export const teleaMethod: ImageMethod<typeof options> = {
  id: 'telea',
  kind: 'image',
  description: 'Fast marching (Telea 2004): fills from the hole boundary inwards; fast, smooth, no texture',
  needsWeights: false,
  trainable: false,
  options,
  // Telea reads known pixels up to `radius` away from the hole (plus one for the gradients).
  region: { margin: (_w, _h, { radius }) => radius + 2 },
  create: ({ radius }) => ({
    inpaint: async (image, mask) => teleaInpaint(image, mask, radius),
  }),
};
