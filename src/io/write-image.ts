import { checkImage } from '../core/check-arguments.js';
import type { Image } from '../core/image.js';
import { writeFileAtomic } from './atomic-write.js';
import { encodePixels } from './encode.js';
import { outputFormatOf, type OutputFormat } from './output-format.js';
import { assertNotAnInput } from './overwrite-guard.js';

export interface WriteImageOptions {
  /** Paths read to make this image: writing over any of them is refused (OverwriteInputError). */
  readonly inputs?: readonly string[];
}

/**
 * Writes an image in the format its extension names (.png, .jpg/.jpeg, .webp), with its alpha
 * channel when it has one and the format can hold it (JPEG cannot). The file appears complete or
 * not at all.
 */
export async function writeImage(path: string, image: Image, options: WriteImageOptions = {}): Promise<void> {
  checkImage(image, 'image');
  const format = outputFormatOf(path);
  await assertNotAnInput(path, options.inputs ?? []);
  await writeFileAtomic(path, await encodeImage(image, format));
}

/** Encodes an image in memory, for callers that send bytes rather than write files. */
export async function encodeImage(image: Image, format: OutputFormat): Promise<Buffer> {
  checkImage(image, 'image');
  const { width, height, alpha } = image;
  if (alpha && format !== 'jpeg') return encodePixels(interleaveAlpha(image.rgb, alpha), { width, height, channels: 4 }, format);
  return encodePixels(image.rgb, { width, height, channels: 3 }, format);
}

function interleaveAlpha(rgb: Uint8Array, alpha: Uint8Array): Uint8Array {
  const n = alpha.length;
  const rgba = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    rgba[i * 4] = rgb[i * 3];
    rgba[i * 4 + 1] = rgb[i * 3 + 1];
    rgba[i * 4 + 2] = rgb[i * 3 + 2];
    rgba[i * 4 + 3] = alpha[i];
  }
  return rgba;
}
