import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { InvalidInputError } from '../core/errors.js';

/** Pixels as sharp decoded them: 8-bit sRGB, interleaved, with alpha last when `hasAlpha`. */
export interface DecodedPixels {
  readonly width: number;
  readonly height: number;
  readonly channels: 3 | 4;
  readonly hasAlpha: boolean;
  readonly data: Uint8Array;
  /** What the file held before conversion, for notes about what was changed. */
  readonly source: {
    readonly depth: string;
    readonly grayscale: boolean;
    readonly space: string;
  };
}

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
  try {
    const decoder = sharp(bytes, { autoOrient: true });
    const metadata = await decoder.metadata();
    const { data, info } = await decoder
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 && info.channels !== 4) {
      throw new Error(`unexpected ${info.channels} channels after conversion to sRGB`);
    }
    return {
      width: info.width,
      height: info.height,
      channels: info.channels,
      hasAlpha: info.channels === 4,
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
      source: {
        depth: metadata.depth,
        grayscale: metadata.channels <= 2,
        space: metadata.space,
      },
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidInputError(path, 'an image sharp can decode (PNG, JPEG, WebP, TIFF, GIF, AVIF)', `a file it could not: ${reason}`, {
      cause: error,
    });
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'a file without read permission';
  return error instanceof Error ? error.message : String(error);
}
