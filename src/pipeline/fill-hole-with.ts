import { MaskCoversEverythingError, throwIfCancelled } from '../core/errors.js';
import {
  assertSameSize,
  cropImage,
  cropMask,
  holeBounds,
  holeCount,
  type Image,
  type Mask,
  type Rect,
} from '../core/image.js';
import type { ImageMethod, ProgressCallback } from '../registry/method.js';
import { parseOptions } from '../registry/parse-options.js';

export interface FillHoleOptions {
  /** The method's options; validated against its schema, defaults filled in. */
  readonly options?: Record<string, unknown>;
  readonly onProgress?: ProgressCallback;
  /** Called with a sentence for each thing worth telling the user that is not an error. */
  readonly onWarning?: (message: string) => void;
  readonly signal?: AbortSignal;
}

/**
 * Fills the hole of `image` (mask: 1 = hole) with `method`. Works on the hole's bounding box widened by the
 * method's context margin, so a large photo with a small hole costs what the hole costs; known
 * pixels (and the alpha channel) come back bit-identical. Needs no method table, so the page's
 * browser worker runs it too.
 */
export async function fillHoleWith(method: ImageMethod, image: Image, mask: Mask, opts: FillHoleOptions = {}): Promise<Image> {
  const options = parseOptions(method, opts.options);
  assertSameSize(image, mask);
  throwIfCancelled(opts.signal);

  const holes = holeCount(mask);
  if (holes === 0) {
    opts.onWarning?.('the mask is empty: the image is returned unchanged');
    opts.onProgress?.(1, 'done');
    return image;
  }
  if (holes === mask.width * mask.height) throw new MaskCoversEverythingError(mask.width, mask.height);

  const bounds = holeBounds(mask)!;
  const margin = Math.ceil(method.contextMargin(bounds.x1 - bounds.x0, bounds.y1 - bounds.y0, options));
  const region = widen(bounds, margin, image.width, image.height);
  const inpainter = method.create(options);
  const filled = await inpainter.inpaint(cropImage(image, region), cropMask(mask, region), {
    onProgress: opts.onProgress,
    signal: opts.signal,
  });
  throwIfCancelled(opts.signal);
  opts.onProgress?.(1, 'done');
  return pasteHole(image, mask, filled, region);
}

function widen(r: Rect, margin: number, width: number, height: number): Rect {
  return {
    x0: Math.max(0, r.x0 - margin),
    y0: Math.max(0, r.y0 - margin),
    x1: Math.min(width, r.x1 + margin),
    y1: Math.min(height, r.y1 + margin),
  };
}

/** A copy of `image` whose hole pixels come from `filled`, a result for the crop `region`. */
function pasteHole(image: Image, mask: Mask, filled: Image, region: Rect): Image {
  const rgb = image.rgb.slice();
  const w = region.x1 - region.x0;
  for (let y = region.y0; y < region.y1; y++) {
    for (let x = region.x0; x < region.x1; x++) {
      const i = y * image.width + x;
      if (!mask.data[i]) continue;
      const j = ((y - region.y0) * w + (x - region.x0)) * 3;
      rgb[i * 3] = filled.rgb[j];
      rgb[i * 3 + 1] = filled.rgb[j + 1];
      rgb[i * 3 + 2] = filled.rgb[j + 2];
    }
  }
  return image.alpha ? { width: image.width, height: image.height, rgb, alpha: image.alpha } : { width: image.width, height: image.height, rgb };
}
