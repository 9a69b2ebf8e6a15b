import type { z } from 'zod';
import type { Image, Mask } from '../core/image.js';
import type { RunContext } from './method.js';

/**
 * Fills one image's hole with a registered image method (its id), as the pipeline does: how a
 * video method fills what no frame saw, without importing the pipeline or the registry.
 */
export type ImageFiller = (image: Image, mask: Mask, method: string, context: RunContext) => Promise<Image>;

/**
 * Fills the holes of a clip. Frames and masks arrive as streams (frame i with mask i); output
 * frames leave as a stream in the same order, so a method holds only the window it works on.
 * Hole pixels of the input frames are undefined and must not be read; the pipeline pastes the
 * known pixels back, so a method may return any value outside the holes.
 */
export interface VideoInpainter {
  inpaint(frames: AsyncIterable<Image>, masks: AsyncIterable<Mask>, context: VideoRunContext): AsyncGenerator<Image>;
}

export interface VideoRunContext extends RunContext {
  /**
   * Number of frames when known in advance, for progress; methods must not rely on it. A method
   * that works long between two output frames reports `onProgress` as a fraction of the clip.
   */
  readonly frameCount?: number;
  /** Fills a single image with one of the image methods the video method was created with. */
  readonly fillImage: ImageFiller;
}

/** A video method, registered once as data like the image methods. */
export interface VideoMethod<Schema extends z.ZodObject = z.ZodObject> {
  readonly id: string;
  readonly kind: 'video';
  readonly description: string;
  readonly needsWeights: boolean;
  readonly trainable: boolean;
  /** Options with defaults and descriptions; parsing fills the defaults in. */
  readonly options: Schema;
  create(options: z.infer<Schema>): VideoInpainter;
}
