import type { Image } from '../core/image.js';
import { decodeFile } from './decode.js';
import { imageFromPixels } from './image-from-pixels.js';

export interface ReadImageOptions {
  /** Called with a sentence for each conversion applied (bit depth, grayscale, colour space). */
  readonly onNote?: (message: string) => void;
  /** Stops the read at once (CancelledError), even one waiting on a pipe. */
  readonly signal?: AbortSignal;
}

/**
 * Reads an image file into 8-bit RGB with EXIF orientation applied. Deeper, grayscale or CMYK
 * inputs are converted, each with a note; an alpha channel is kept in `alpha`.
 */
export async function readImage(path: string, options: ReadImageOptions = {}): Promise<Image> {
  return imageFromPixels(await decodeFile(path, options), path, options.onNote);
}
