import { z } from 'zod';
import type { ImageMethod } from '../../registry/method.js';
import { imageMethodChoice } from '../../registry/image-method-choice.js';
import type { VideoMethod } from '../../registry/video-method.js';
import { propagateVideo } from './propagate-video.js';

const propagateOptions = (imageMethods: readonly ImageMethod[]) => z.object({
  window: z.number().int().min(4).max(500).default(36)
    .describe('Frames held at once; memory grows with it, not with the clip'),
  context: z.number().int().min(1).max(100).default(8)
    .describe('Frames already written that the next window keeps as sources (continuity across windows); less than window/2'),
  flowMargin: z.number().int().min(0).max(200).default(0)
    .describe('Pixels around the holes where the estimated flow is replaced by interpolation; 0 picks 1/16 of the frame\'s smaller side'),
  flowSize: z.number().int().min(0).max(8192).default(640)
    .describe('Longest side, in pixels, of the frames optical flow is computed on: larger frames are halved until they fit (faster, less memory); 0 computes at full size'),
  consistency: z.number().min(0.1).max(20).default(1.5)
    .describe('Largest forward-backward flow disagreement, in pixels, for a pixel to be carried to the next frame'),
  imageMethod: imageMethodChoice(imageMethods, 'patchmatch')
    .describe('Image method for what no frame saw; its fill is then carried to the other frames'),
  flowCompletion: z.enum(['harmonic', 'dfc']).default('harmonic')
    .describe('How the flow is completed over the holes: harmonic interpolation, or dfc (DFC-Net, Xu et al. 2019, from the 11 flows around it; needs --weights resnet101_movie.pth)'),
  weights: z.string().min(1).optional()
    .describe('DFC-Net weights for flowCompletion=dfc: the official resnet101_movie.pth (or another release of the network)'),
}).refine((o) => o.context * 2 < o.window, { message: 'context less than half the window', path: ['context'] })
  .refine((o) => (o.flowCompletion === 'dfc') === (o.weights !== undefined), {
    message: 'weights with flowCompletion=dfc, and only then', path: ['weights'],
  })
  // DFC-Net completes a flow from the five flows on each side: a window must keep them (window-completion.ts).
  .refine((o) => o.flowCompletion !== 'dfc' || o.context >= 6, { message: 'context of at least 6 with flowCompletion=dfc', path: ['context'] });

export type PropagateOptions = z.infer<ReturnType<typeof propagateOptions>>;

/**
 * Flow-guided propagation (after Xu et al. 2019, "Deep Flow-Guided Video Inpainting", with no
 * network): optical flow between neighbouring frames, completed over the holes, carries the pixels
 * that some other frame saw into the hole; what no frame saw is filled once by an image method
 * and carried the same way.
 */
export function createPropagateMethod(imageMethods: readonly ImageMethod[]): VideoMethod<ReturnType<typeof propagateOptions>> {
  return {
    id: 'propagate',
    kind: 'video',
    description: 'Flow-guided propagation: optical flow carries pixels other frames saw into the hole; patchmatch fills what none saw',
    needsWeights: false,
    trainable: false,
    options: propagateOptions(imageMethods),
    create: (opts) => ({
      inpaint: (frames, masks, context) => propagateVideo(frames, masks, opts, context),
    }),
  };
}
