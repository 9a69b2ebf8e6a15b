import type { z } from 'zod';
import type { Image, Mask } from '../core/image.js';

/** Progress of one piece of work, 0..1, with a short label of the current stage. */
export type ProgressCallback = (fraction: number, stage?: string) => void;

export interface RunContext {
  readonly onProgress?: ProgressCallback;
  readonly signal?: AbortSignal;
}

/**
 * Fills the hole of an image. `image` holds the known pixels (hole pixels are undefined and must
 * not be read); the result has the same size. The pipeline pastes known pixels back, so a method
 * may return any value outside the hole.
 */
export interface ImageInpainter {
  inpaint(image: Image, mask: Mask, context: RunContext): Promise<Image>;
  /**
   * Several different fills of the hole, for a method that makes more than one (a pluralistic
   * network's samples, as many as its options ask for); the first is what `inpaint` returns.
   */
  inpaintSeveral?(image: Image, mask: Mask, context: RunContext): Promise<Image[]>;
}

/** A method, registered once as data: the CLI, server and web page all read this. */
export interface ImageMethod<Schema extends z.ZodObject = z.ZodObject> {
  readonly id: string;
  readonly kind: 'image';
  readonly description: string;
  readonly needsWeights: boolean;
  readonly trainable: boolean;
  /** Options with defaults and descriptions; parsing fills the defaults in. */
  readonly options: Schema;
  /**
   * What the pipeline gives the method: `{ margin }`, the hole's bounding box widened by that many
   * known pixels (as a function of the box's size), so the cost follows the hole; or
   * 'whole-image', the method choosing its own crop (networks: models/common/fill-strategy.ts).
   */
  readonly region: 'whole-image' | { margin(holeWidth: number, holeHeight: number, options: z.infer<Schema>): number };
  create(options: z.infer<Schema>): ImageInpainter;
}
