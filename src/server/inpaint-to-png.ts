import { encodeImage } from '../io/write-image.js';
import { inpaintImage } from '../pipeline/inpaint-image.js';
import type { ProgressCallback } from '../registry/method.js';
import { decodeInpaintRequest, type InpaintRequest } from './inpaint-input.js';

export interface InpaintToPngContext {
  readonly signal: AbortSignal;
  readonly onProgress?: ProgressCallback;
  /** How the inputs were read, and the method's warnings. */
  readonly onNote?: (message: string) => void;
}

/**
 * Decodes a request, runs its inpainting and encodes the result as PNG (with the image's alpha
 * when it kept one). The pipeline runs on the main thread: patchmatch yields to the event loop
 * between iterations (and checks `signal` there); telea runs to its end in one go, which is fast
 * enough for now.
 */
export async function inpaintToPng(request: InpaintRequest, context: InpaintToPngContext): Promise<Buffer> {
  const input = await decodeInpaintRequest(request);
  for (const note of input.notes) context.onNote?.(note);
  const result = await inpaintImage(input.image, input.mask, {
    method: input.method,
    options: input.options,
    signal: context.signal,
    onProgress: context.onProgress,
    onWarning: context.onNote,
  });
  return encodeImage(result, 'png');
}
