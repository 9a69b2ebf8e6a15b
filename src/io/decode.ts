import { decodeBytes, type DecodedPixels } from './decode-bytes.js';
import { readInputFile } from './read-input-file.js';

export type { DecodedPixels } from './decode-bytes.js';

export interface DecodeFileOptions {
  /** Stops the read at once (CancelledError), even one waiting on a pipe. */
  readonly signal?: AbortSignal;
}

/**
 * Reads any file sharp can decode (PNG, JPEG, WebP, TIFF, GIF, AVIF, ...): EXIF orientation
 * applied, converted to 8-bit sRGB. The read is bounded (readInputFile) and failures name the
 * path and what went wrong.
 */
export async function decodeFile(path: string, options: DecodeFileOptions = {}): Promise<DecodedPixels> {
  return decodeBytes(await readInputFile(path, 'a readable image file', options), path);
}
