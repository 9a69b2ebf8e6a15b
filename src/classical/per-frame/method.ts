import { z } from 'zod';
import type { ImageMethod } from '../../registry/method.js';
import { imageMethodChoice } from '../../registry/image-method-choice.js';
import type { VideoMethod } from '../../registry/video-method.js';
import { zipFramesAndMasks } from '../../pipeline/zip-frames.js';

/**
 * The baseline every video method is measured against: each frame filled alone by an image
 * method. Nothing carries from one frame to the next, so moving holes flicker.
 */
export function createPerFrameMethod(imageMethods: readonly ImageMethod[]) {
  const options = z.object({
    imageMethod: imageMethodChoice(imageMethods, 'telea')
      .describe('Image method that fills each frame on its own, with its default options'),
  });
  const method: VideoMethod<typeof options> = {
    id: 'per-frame',
    kind: 'video',
    description: 'Each frame filled on its own by an image method (telea, patchmatch, ...); a baseline that flickers',
    needsWeights: false,
    trainable: false,
    options,
    create: ({ imageMethod }) => ({
      async *inpaint(frames, masks, context) {
        for await (const { frame, mask } of zipFramesAndMasks(frames, masks)) {
          yield await context.fillImage(frame, mask, imageMethod, { signal: context.signal });
        }
      },
    }),
  };
  return method;
}
