import { checkImage, checkMask, checkOptionsObject } from '../core/check-arguments.js';
import { MaskCoversEverythingError, throwIfCancelled } from '../core/errors.js';
import {
  assertSameSize,
  cropImage,
  cropMask,
  holeBounds,
  holeCount,
  pasteHole,
  widenRect,
  type Image,
  type Mask,
  type Rect,
} from '../core/image.js';
import type { ImageInpainter, ImageMethod, ProgressCallback, RunContext } from '../registry/method.js';
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
 * Fills the hole of `image` (mask: 1 = hole) with `method`. A method that works on a crop is
 * given the hole's bounding box widened by its context margin, so a large photo with a small hole
 * costs what the hole costs; a network is given the whole image and crops itself
 * (models/common/fill-strategy.ts). Known pixels (and the alpha channel) come back bit-identical.
 * Needs no method table, so the page's browser worker runs it too.
 */
export async function fillHoleWith(method: ImageMethod, image: Image, mask: Mask, opts: FillHoleOptions = {}): Promise<Image> {
  const [filled] = await fillHoleBy(method, image, mask, opts, async (inpainter, ...args) => [await inpainter.inpaint(...args)]);
  return filled;
}

/**
 * Every fill the method makes of the hole (see `fillHoleWith`): several for a method that has
 * `inpaintSeveral` (as many as its options ask for), else the one.
 */
export async function fillHoleWithSeveral(method: ImageMethod, image: Image, mask: Mask, opts: FillHoleOptions = {}): Promise<Image[]> {
  return fillHoleBy(method, image, mask, opts, async (inpainter, ...args) => inpainter.inpaintSeveral
    ? inpainter.inpaintSeveral(...args)
    : [await inpainter.inpaint(...args)]);
}

type Fill = (inpainter: ImageInpainter, image: Image, mask: Mask, context: RunContext) => Promise<Image[]>;

async function fillHoleBy(method: ImageMethod, image: Image, mask: Mask, opts: FillHoleOptions, fill: Fill): Promise<Image[]> {
  checkImage(image, 'image');
  checkMask(mask, 'mask');
  checkOptionsObject(opts, 'options');
  const options = parseOptions(method, opts.options);
  assertSameSize(image, mask);
  throwIfCancelled(opts.signal);

  const holes = holeCount(mask);
  if (holes === 0) {
    opts.onWarning?.('the mask is empty: the image is returned unchanged');
    opts.onProgress?.(1, 'done');
    return [image];
  }
  if (holes === mask.width * mask.height) throw new MaskCoversEverythingError(mask.width, mask.height);

  const region = regionFor(method, holeBounds(mask)!, image, options);
  const inpainter = method.create(options);
  const fills = await fill(inpainter, cropImage(image, region), cropMask(mask, region), {
    onProgress: opts.onProgress,
    signal: opts.signal,
  });
  throwIfCancelled(opts.signal);
  opts.onProgress?.(1, 'done');
  return fills.map((filled) => pasteHole(image, mask, filled, region));
}

/** The part of the image the method is given: the one place that decides. */
function regionFor(method: ImageMethod, hole: Rect, image: Image, options: Record<string, unknown>): Rect {
  if (method.region === 'whole-image') return { x0: 0, y0: 0, x1: image.width, y1: image.height };
  const margin = Math.ceil(method.region.margin(hole.x1 - hole.x0, hole.y1 - hole.y0, options));
  return widenRect(hole, margin, image.width, image.height);
}
