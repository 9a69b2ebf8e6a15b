import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import { InvalidInputError, PixelLimitError } from '../core/errors.js';

const imageExpectation = 'an image sharp can decode (PNG, JPEG, WebP, TIFF, GIF, AVIF)';

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

export interface DecodeOptions {
  /**
   * Refuse (PixelLimitError) an image of more pixels than this, judged from its header before
   * any pixel is decoded: a small compressed upload can expand to gigabytes.
   * @default decodablePixels, the most the decoder takes
   */
  readonly maxPixels?: number;
}

/** The most pixels sharp decodes (its own default limit, 16383 x 16383). */
export const decodablePixels = 0x3fff * 0x3fff;


/** What an image's header tells, orientation applied: enough to check it before decoding it. */
export interface ImageHeader {
  readonly width: number;
  readonly height: number;
  readonly hasAlpha: boolean;
}

/**
 * Reads only the header of an image's bytes: its size (EXIF orientation applied) and whether it
 * has alpha. Cheap, for checks made before the pixels are worth decoding. Bytes whose header is
 * fine may still fail to decode.
 */
export async function probeBytes(bytes: Uint8Array, name: string, options: DecodeOptions = {}): Promise<ImageHeader> {
  const metadata = await readHeader(openDecoder(bytes, name), name, options);
  return { width: metadata.autoOrient.width, height: metadata.autoOrient.height, hasAlpha: metadata.hasAlpha };
}

/**
 * Decodes the bytes of any format sharp reads (PNG, JPEG, WebP, TIFF, GIF, AVIF, ...): EXIF
 * orientation applied, converted to 8-bit sRGB. `name` (a path, a form field) is used in messages.
 */
export async function decodeBytes(bytes: Uint8Array, name: string, options: DecodeOptions = {}): Promise<DecodedPixels> {
  const decoder = openDecoder(bytes, name, { autoOrient: true });
  const metadata = await readHeader(decoder, name, options);
  try {
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
    throw undecodable(name, error);
  }
}

/**
 * sharp for `bytes`, with its own pixel limit off: the header check above refuses large images
 * with a PixelLimitError (sharp's would read as an undecodable file), before any decoding.
 */
function openDecoder(bytes: Uint8Array, name: string, options: SharpOptions = {}): Sharp {
  // sharp throws at once, not through metadata(), on empty input.
  if (bytes.length === 0) throw new InvalidInputError(name, imageExpectation, 'an empty file (0 bytes)');
  return sharp(bytes, { ...options, limitInputPixels: false });
}

async function readHeader(decoder: Sharp, name: string, { maxPixels = decodablePixels }: DecodeOptions): Promise<Metadata> {
  const metadata = await decoder.metadata().catch((error: unknown) => {
    throw undecodable(name, error);
  });
  if (metadata.width * metadata.height > maxPixels) {
    throw new PixelLimitError(name, maxPixels, metadata.autoOrient.width, metadata.autoOrient.height);
  }
  return metadata;
}

function undecodable(name: string, error: unknown): InvalidInputError {
  const reason = error instanceof Error ? error.message : String(error);
  return new InvalidInputError(name, imageExpectation, `a file it could not: ${reason}`, {
    cause: error,
  });
}
