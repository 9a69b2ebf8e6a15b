import type { Image, Mask } from '../core/image.js';
import { readImage } from '../io/read-image.js';
import { readMask } from '../io/read-mask.js';
import { maskReadOptions, type MaskFlags } from './mask-flags.js';

/**
 * Reads an image and its mask as the mask flags say. Without a mask file the mask is the image's
 * own alpha (--mask-from-alpha); the image then loses that alpha, since keeping it would leave
 * the filled hole transparent.
 */
export async function readImageAndMask(
  imagePath: string,
  maskPath: string | undefined,
  flags: MaskFlags,
  note: (message: string) => void,
  signal: AbortSignal,
): Promise<{ image: Image; mask: Mask }> {
  const image = await readImage(imagePath, { onNote: note, signal });
  const mask = await readMask(maskPath ?? imagePath, { ...maskReadOptions(flags, image, note), signal });
  if (maskPath !== undefined) return { image, mask };
  note(`the alpha channel of ${imagePath} is the mask: the output is written opaque`);
  return { image: { width: image.width, height: image.height, rgb: image.rgb }, mask };
}
