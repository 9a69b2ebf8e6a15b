import type { Image, Mask } from '../core/image.js';
import { defaultMethodId, getMethod } from '../methods.js';
import { fillHoleWith, fillHoleWithSeveral, type FillHoleOptions } from './fill-hole-with.js';

export interface InpaintImageOptions extends FillHoleOptions {
  /** Registered method id. @default 'patchmatch' */
  readonly method?: string;
}

/**
 * Fills the hole of `image` (mask: 1 = hole) with the registered method named (see `fillHoleWith`).
 */
export async function inpaintImage(image: Image, mask: Mask, opts: InpaintImageOptions = {}): Promise<Image> {
  return fillHoleWith(getMethod(opts.method ?? defaultMethodId), image, mask, opts);
}

/** Every fill the registered method makes (several for a method such as pluralistic, else one). */
export async function inpaintImageSeveral(image: Image, mask: Mask, opts: InpaintImageOptions = {}): Promise<Image[]> {
  return fillHoleWithSeveral(getMethod(opts.method ?? defaultMethodId), image, mask, opts);
}
