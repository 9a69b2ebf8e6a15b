import { checkMask } from '../core/check-arguments.js';
import type { Mask } from '../core/image.js';
import type { OutputFormat } from './output-format.js';
import { writeFileAtomic } from './atomic-write.js';
import { encodePixels } from './encode.js';
import { outputFormatOf } from './output-format.js';
import { assertNotAnInput } from './overwrite-guard.js';
import type { WriteImageOptions } from './write-image.js';

/**
 * Writes a mask as a one-channel black and white image, 255 = hole, in the format the extension
 * names (PNG is the one to use: a lossy format blurs the edge into grey levels). Atomic, and
 * refuses to overwrite `inputs`, as writeImage does.
 */
export async function writeMask(path: string, mask: Mask, options: WriteImageOptions = {}): Promise<void> {
  checkMask(mask, 'mask');
  const format = outputFormatOf(path);
  await assertNotAnInput(path, options.inputs ?? []);
  await writeFileAtomic(path, await encodeMask(mask, format));
}

/** A mask as the bytes of a black and white image, 255 = hole. */
export async function encodeMask(mask: Mask, format: OutputFormat): Promise<Buffer> {
  const gray = new Uint8Array(mask.data.length);
  for (let i = 0; i < gray.length; i++) gray[i] = mask.data[i] ? 255 : 0;
  return encodePixels(gray, { width: mask.width, height: mask.height, channels: 1 }, format);
}
