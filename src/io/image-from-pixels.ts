import type { Image } from '../core/image.js';
import type { DecodedPixels } from './decode-bytes.js';

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
 * Decoded pixels as an Image: RGB, with an alpha channel kept apart in `alpha`. Each conversion
 * the decoder applied (bit depth, grayscale, CMYK) is told through `onNote`; `name` (a path, a
 * form field) is used in those notes.
 */
export function imageFromPixels(pixels: DecodedPixels, name: string, onNote?: (message: string) => void): Image {
  const { source } = pixels;
  if (source.depth !== 'uchar' && source.depth !== 'char') {
    onNote?.(`${name} is ${depthNames[source.depth] ?? source.depth}: converted to 8-bit`);
  }
  if (source.grayscale) onNote?.(`${name} is grayscale: converted to RGB`);
  if (source.space === 'cmyk') onNote?.(`${name} is CMYK: converted to RGB`);

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
