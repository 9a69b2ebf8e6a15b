/**
 * How a network fills an image of any size, given `runOnGrid`, which runs it on an image whose
 * sides are multiples of its size grid:
 *
 * - an image no larger than the network's native size runs whole, as the official test script
 *   runs it, so the output can be compared with the official one pixel for pixel (sides off the
 *   grid are padded by repeating edge pixels, marked known, and cropped back);
 * - a larger image: the hole's bounding box with context around it (the network's context margin,
 *   grown to the native size where the image allows), at full resolution when its longer side is
 *   within the network's largest size, else resized down to that, filled, and resized back;
 * - only the hole's pixels are taken from the network: every known pixel is the input's own.
 *
 * A guide (an image of the user's the size of the input that steers the fill, such as
 * EdgeConnect's edge map) goes through the same crop, padding and resizing as the image.
 */
import { cropImage, cropMask, createImage, createMask, holeBounds, pasteHole, type Image, type Mask, type Rect } from '../../core/image.js';
import type { NetworkDescription } from './network.js';
import { enlargeImage, shrinkImage, shrinkMask } from './resample.js';

export type FillGeometry = Pick<NetworkDescription, 'sizeGrid' | 'minimumSize' | 'nativeSize' | 'largestSize' | 'contextMargin'>;

/** Runs the network on an image, mask and guide whose sides are multiples of the grid; same size out. */
export type RunOnGrid = (image: Image, mask: Mask, guide?: Image) => Image;

/** As RunOnGrid, for a network that makes several fills at once. */
export type RunSeveralOnGrid = (image: Image, mask: Mask, guide?: Image) => Image[];

export function fillAnySize(image: Image, mask: Mask, geometry: FillGeometry, runOnGrid: RunOnGrid, guide?: Image): Image {
  return fillSeveralAnySize(image, mask, geometry, (onGrid, hole, guideOnGrid) => [runOnGrid(onGrid, hole, guideOnGrid)], guide)[0];
}

/** fillAnySize for a network that makes several fills: each goes through the same crop and paste. */
export function fillSeveralAnySize(image: Image, mask: Mask, geometry: FillGeometry, runOnGrid: RunSeveralOnGrid, guide?: Image): Image[] {
  const hole = holeBounds(mask);
  if (!hole) return [image];
  const whole: Rect = { x0: 0, y0: 0, x1: image.width, y1: image.height };
  const region = image.width <= geometry.nativeSize && image.height <= geometry.nativeSize ? whole : contextRegion(hole, geometry, image);
  const crop = cropImage(image, region);
  const cropHole = cropMask(mask, region);
  const cropGuide = guide && cropImage(guide, region);
  const longer = Math.max(crop.width, crop.height);
  let filled: Image[];
  if (longer <= geometry.largestSize) {
    filled = runPadded(crop, cropHole, cropGuide, geometry, runOnGrid);
  } else {
    const scale = geometry.largestSize / longer;
    const width = Math.max(1, Math.round(crop.width * scale));
    const height = Math.max(1, Math.round(crop.height * scale));
    const small = runPadded(shrinkImage(crop, width, height), shrinkMask(cropHole, width, height),
      cropGuide && shrinkImage(cropGuide, width, height), geometry, runOnGrid);
    filled = small.map((one) => enlargeImage(one, crop.width, crop.height));
  }
  return filled.map((one) => pasteHole(image, mask, one, region));
}

/** The hole's box widened by the context margin, then grown (centred) towards the native size. */
export function contextRegion(hole: Rect, geometry: FillGeometry, image: { width: number; height: number }): Rect {
  const margin = Math.ceil(geometry.contextMargin(hole.x1 - hole.x0, hole.y1 - hole.y0));
  const grow = (start: number, end: number, limit: number): [number, number] => {
    const size = Math.min(limit, Math.max(end - start + 2 * margin, geometry.nativeSize));
    const from = Math.min(limit - size, Math.max(0, Math.floor((start + end - size) / 2)));
    return [from, from + size];
  };
  const [x0, x1] = grow(hole.x0, hole.x1, image.width);
  const [y0, y1] = grow(hole.y0, hole.y1, image.height);
  return { x0, y0, x1, y1 };
}

/**
 * runOnGrid on the image (and guide) padded to the grid and to the minimum size (edge pixels
 * repeated, padding known), cropped back.
 */
function runPadded(image: Image, mask: Mask, guide: Image | undefined, geometry: FillGeometry, runOnGrid: RunSeveralOnGrid): Image[] {
  const side = (size: number) => Math.max(geometry.minimumSize ?? 0, Math.ceil(size / geometry.sizeGrid) * geometry.sizeGrid);
  const width = side(image.width);
  const height = side(image.height);
  if (width === image.width && height === image.height) return runOnGrid(image, mask, guide);
  const hole = new Uint8Array(width * height);
  for (let y = 0; y < image.height; y++) hole.set(mask.data.subarray(y * image.width, (y + 1) * image.width), y * width);
  const filled = runOnGrid(padImage(image, width, height), createMask(width, height, hole), guide && padImage(guide, width, height));
  return filled.map((one) => cropImage(one, { x0: 0, y0: 0, x1: image.width, y1: image.height }));
}

/** The image grown to width x height by repeating its last column and row. */
function padImage(image: Image, width: number, height: number): Image {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(y, image.height - 1);
    for (let x = 0; x < width; x++) {
      const j = sy * image.width + Math.min(x, image.width - 1);
      rgb.set(image.rgb.subarray(j * 3, j * 3 + 3), (y * width + x) * 3);
    }
  }
  return createImage(width, height, rgb);
}
