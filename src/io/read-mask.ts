import { SizeMismatchError } from '../core/errors.js';
import type { Mask } from '../core/image.js';
import { decodeFile } from './decode.js';
import { dilateMask } from './dilate-mask.js';
import { maskFromPixels, type MaskPolarityOptions } from './mask-from-pixels.js';
import { resizeMaskNearest } from './resize-mask.js';

export interface ReadMaskOptions extends MaskPolarityOptions {
  /** Grow the hole by this many pixels (disk structuring element), after any resize. @default 0 */
  readonly dilate?: number;
  /**
   * The size of the image the mask belongs to. A mask of another size is a SizeMismatchError,
   * unless `resize` is set. Left out, the mask keeps its own size.
   */
  readonly size?: { readonly width: number; readonly height: number };
  /** Resize a mask of another size to `size` (nearest neighbour) instead of refusing it. @default false */
  readonly resize?: boolean;
  /** Stops the read at once (CancelledError), even one waiting on a pipe. */
  readonly signal?: AbortSignal;
}

/**
 * Reads a hole mask (1 = hole) from an image file: white (non-black) = hole, soft masks
 * thresholded at 50%, or transparent = hole with `fromAlpha`; then inverted, resized and dilated
 * as asked. Every interpretation that is not plain black and white is reported through `onNote`.
 */
export async function readMask(path: string, options: ReadMaskOptions = {}): Promise<Mask> {
  const pixels = await decodeFile(path, options);
  let mask = maskFromPixels(pixels, options, path);
  const { size } = options;
  if (size && (size.width !== mask.width || size.height !== mask.height)) {
    if (!options.resize) {
      throw new SizeMismatchError(
        `mask ${path}`,
        size,
        mask,
        'Use --resize-mask (resize: true) to scale it to the image, nearest neighbour',
      );
    }
    options.onNote?.(
      `${path} is ${mask.width}x${mask.height}: resized to ${size.width}x${size.height} (nearest neighbour)`,
    );
    mask = resizeMaskNearest(mask, size.width, size.height);
  }
  return dilateMask(mask, options.dilate ?? 0);
}
