import sharp from 'sharp';
import type { OutputFormat } from './output-format.js';

/** Quality of the lossy formats: high, since an inpainted image is usually a final product. */
const lossyQuality = 95;

/**
 * Encodes interleaved 8-bit pixels: 1 channel = gray, 3 = RGB, 4 = RGBA. JPEG has no alpha, so
 * callers drop it before asking for JPEG.
 */
export async function encodePixels(
  pixels: Uint8Array,
  layout: { readonly width: number; readonly height: number; readonly channels: 1 | 3 | 4 },
  format: OutputFormat,
): Promise<Buffer> {
  const raw = sharp(pixels, { raw: layout });
  // Without it, sharp takes one raw channel for sRGB and writes three.
  const encoder = layout.channels === 1 ? raw.toColourspace('b-w') : raw;
  if (format === 'png') return encoder.png().toBuffer();
  if (format === 'jpeg') return encoder.jpeg({ quality: lossyQuality }).toBuffer();
  return encoder.webp({ quality: lossyQuality, alphaQuality: 100 }).toBuffer();
}
