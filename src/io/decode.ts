import { readFile } from 'node:fs/promises';
import { InvalidInputError } from '../core/errors.js';
import { decodeBytes, type DecodedPixels } from './decode-bytes.js';

export type { DecodedPixels } from './decode-bytes.js';

/**
 * Reads any file sharp can decode (PNG, JPEG, WebP, TIFF, GIF, AVIF, ...): EXIF orientation
 * applied, converted to 8-bit sRGB. Failures name the path and what went wrong.
 */
export async function decodeFile(path: string): Promise<DecodedPixels> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InvalidInputError(path, 'a readable image file', describeFsError(error), { cause: error });
  }
  return decodeBytes(bytes, path);
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'a file without read permission';
  return error instanceof Error ? error.message : String(error);
}
