import { z } from 'zod';
import type { ImageMethod } from './method.js';

/**
 * The option of a video method that picks the image method it calls on: one of the registry's
 * image methods (networks included: their weights come with the run, see inpaintVideo).
 */
export function imageMethodChoice(imageMethods: readonly Pick<ImageMethod, 'id'>[], defaultId: string) {
  const ids = imageMethods.map((m) => m.id);
  if (!ids.includes(defaultId)) throw new Error(`default image method ${defaultId} is not among ${ids.join(', ')}`);
  return z.enum(ids as [string, ...string[]]).default(defaultId);
}
