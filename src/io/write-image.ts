import { checkImage } from '../core/check-arguments.js';
import type { Image } from '../core/image.js';
import { writeFileAtomic } from './atomic-write.js';
import { encodePixels } from './encode.js';
import { outputFormatOf, type OutputFormat } from './output-format.js';
import { assertNotAnInput } from './overwrite-guard.js';

export interface WriteImageOptions extends EncodeImageOptions {
  /** Paths read to make this image: writing over any of them is refused (OverwriteInputError). */
  readonly inputs?: readonly string[];
}

export interface EncodeImageOptions {
  /** What transparent pixels are laid over in a format without alpha (JPEG). @default white */
  readonly background?: Rgb;
  /** Told when transparency is flattened away, with the path or format. */
  readonly onWarning?: (message: string) => void;
}

/** A colour, 0..255 a channel. */
export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

const white: Rgb = { r: 255, g: 255, b: 255 };

/**
 * Writes an image in the format its extension names (.png, .jpg/.jpeg, .webp), with its alpha
 * channel when it has one and the format can hold it (JPEG cannot). The file appears complete or
 * not at all.
 */
export async function writeImage(path: string, image: Image, options: WriteImageOptions = {}): Promise<void> {
  checkImage(image, 'image');
  const format = outputFormatOf(path);
  await assertNotAnInput(path, options.inputs ?? []);
  await writeFileAtomic(path, await encodeImage(image, format, { ...options, onWarning: options.onWarning && ((message) => options.onWarning!(`${path}: ${message}`)) }));
}

/**
 * Encodes an image in memory, for callers that send bytes rather than write files. JPEG has no
 * alpha: a partly transparent image is laid over `background`, with a warning, rather than showing
 * whatever colour the transparent pixels hide.
 */
export async function encodeImage(image: Image, format: OutputFormat, options: EncodeImageOptions = {}): Promise<Buffer> {
  checkImage(image, 'image');
  const { width, height, alpha } = image;
  if (alpha && format !== 'jpeg') return encodePixels(interleaveAlpha(image.rgb, alpha), { width, height, channels: 4 }, format);
  if (alpha?.some((a) => a < 255)) {
    const background = options.background ?? white;
    options.onWarning?.(`JPEG has no transparency: transparent pixels are laid over ${describeRgb(background)} (--background to choose)`);
    return encodePixels(flatten(image.rgb, alpha, background), { width, height, channels: 3 }, format);
  }
  return encodePixels(image.rgb, { width, height, channels: 3 }, format);
}

/** Each pixel over `background` by its alpha, rounded. */
function flatten(rgb: Uint8Array, alpha: Uint8Array, background: Rgb): Uint8Array {
  const out = new Uint8Array(rgb.length);
  const behind = [background.r, background.g, background.b];
  for (let i = 0; i < alpha.length; i++) {
    const a = alpha[i];
    for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.round((rgb[i * 3 + c] * a + behind[c] * (255 - a)) / 255);
  }
  return out;
}

function describeRgb({ r, g, b }: Rgb): string {
  if (r === 255 && g === 255 && b === 255) return 'white';
  if (r === 0 && g === 0 && b === 0) return 'black';
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
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
