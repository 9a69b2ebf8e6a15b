import type { Image } from '../core/image.js';
import { decodeFile } from './decode.js';

export interface ReadImageOptions {
  /** Called with a sentence for each conversion applied (bit depth, grayscale, colour space). */
  readonly onNote?: (message: string) => void;
}

/** Bit depth names of sharp's pixel formats, as people say them. */
const depthNames: Record<string, string> = {
  ushort: '16-bit',
  short: '16-bit',
  uint: '32-bit',
  int: '32-bit',
  float: '32-bit float',
  double: '64-bit float',
};

/**
 * Reads an image file into 8-bit RGB with EXIF orientation applied. Deeper, grayscale or CMYK
 * inputs are converted, each with a note; an alpha channel is kept in `alpha`.
 */
export async function readImage(path: string, options: ReadImageOptions = {}): Promise<Image> {
  const pixels = await decodeFile(path);
  const { source } = pixels;
  if (source.depth !== 'uchar' && source.depth !== 'char') {
    options.onNote?.(`${path} is ${depthNames[source.depth] ?? source.depth}: converted to 8-bit`);
  }
  if (source.grayscale) options.onNote?.(`${path} is grayscale: converted to RGB`);
  if (source.space === 'cmyk') options.onNote?.(`${path} is CMYK: converted to RGB`);

  const { width, height, data } = pixels;
  if (!pixels.hasAlpha) return { width, height, rgb: data };
  const n = width * height;
  const rgb = new Uint8Array(n * 3);
  const alpha = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    rgb[i * 3] = data[i * 4];
    rgb[i * 3 + 1] = data[i * 4 + 1];
    rgb[i * 3 + 2] = data[i * 4 + 2];
    alpha[i] = data[i * 4 + 3];
  }
  return { width, height, rgb, alpha };
}
