import { z } from 'zod';
import type { VideoMethod } from '../../registry/video-method.js';
import { inpaintImage } from '../../pipeline/inpaint-image.js';
import { zipFramesAndMasks } from '../../pipeline/zip-frames.js';

const options = z.object({
  imageMethod: z
    .enum(['telea', 'patchmatch'])
    .default('telea')
    .describe('Image method that fills each frame on its own, with its default options'),
});

/**
 * The baseline every video method is measured against: each frame filled alone by an image
 * method. Nothing carries from one frame to the next, so moving holes flicker.
 */
export const perFrameMethod: VideoMethod<typeof options> = {
  id: 'per-frame',
  kind: 'video',
  description: 'Each frame filled on its own by an image method (telea or patchmatch); a baseline that flickers',
  needsWeights: false,
  trainable: false,
  options,
  create: ({ imageMethod }) => ({
    async *inpaint(frames, masks, context) {
      for await (const { frame, mask } of zipFramesAndMasks(frames, masks)) {
        yield await inpaintImage(frame, mask, { method: imageMethod, signal: context.signal });
      }
    },
  }),
};
