import { checkImage, checkMask, checkSize } from './check-arguments.js';
import { SizeMismatchError } from './errors.js';

/**
 * An 8-bit RGB picture, row-major, channels interleaved R,G,B: `rgb[(y * width + x) * 3 + c]`.
 * An alpha channel, when the source had one, rides along untouched so that it can be written back.
 */
export interface Image {
  readonly width: number;
  readonly height: number;
  readonly rgb: Uint8Array;
  readonly alpha?: Uint8Array;
}

/** A hole mask, one byte a pixel, row-major: 1 = hole (to fill), 0 = known. */
export interface Mask {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** A rectangle in pixel coordinates, `x1`/`y1` exclusive. */
export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export function createImage(width: number, height: number, rgb?: Uint8Array, alpha?: Uint8Array): Image {
  const image = { width, height, rgb: rgb ?? new Uint8Array(pixelCount(width, height, 'image') * 3), ...(alpha && { alpha }) };
  checkImage(image, 'image');
  return image;
}

export function createMask(width: number, height: number, data?: Uint8Array): Mask {
  const mask = { width, height, data: data ?? new Uint8Array(pixelCount(width, height, 'mask')) };
  checkMask(mask, 'mask');
  return mask;
}

/** width x height, once both are checked: a buffer is allocated from it. */
function pixelCount(width: number, height: number, parameter: string): number {
  return checkSize({ width, height }, parameter);
}

export function assertSameSize(image: Image, mask: Mask, hint = ''): void {
  if (image.width !== mask.width || image.height !== mask.height) {
    throw new SizeMismatchError('mask size', image, mask, hint);
  }
}

/** Float view of an image, channel-planar (`planes[c * w * h + y * w + x]`), values 0..255. */
export function toFloatPlanes(image: Image): Float32Array {
  const n = image.width * image.height;
  const out = new Float32Array(n * 3);
  const { rgb } = image;
  for (let i = 0; i < n; i++) {
    out[i] = rgb[i * 3];
    out[n + i] = rgb[i * 3 + 1];
    out[2 * n + i] = rgb[i * 3 + 2];
  }
  return out;
}

/** Inverse of toFloatPlanes: rounds and clamps to 0..255. */
export function fromFloatPlanes(width: number, height: number, planes: Float32Array): Image {
  const n = width * height;
  const rgb = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    rgb[i * 3] = clampByte(planes[i]);
    rgb[i * 3 + 1] = clampByte(planes[n + i]);
    rgb[i * 3 + 2] = clampByte(planes[2 * n + i]);
  }
  return createImage(width, height, rgb);
}

export function clampByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}

/** Number of hole pixels. */
export function holeCount(mask: Mask): number {
  let n = 0;
  for (let i = 0; i < mask.data.length; i++) n += mask.data[i];
  return n;
}

/** Smallest rectangle holding every hole pixel, or null for an empty mask. */
export function holeBounds(mask: Mask): Rect | null {
  const { width, height, data } = mask;
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x]) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

export function cropImage(image: Image, r: Rect): Image {
  const w = r.x1 - r.x0, h = r.y1 - r.y0;
  const rgb = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    const src = ((r.y0 + y) * image.width + r.x0) * 3;
    rgb.set(image.rgb.subarray(src, src + w * 3), y * w * 3);
  }
  return createImage(w, h, rgb);
}

export function cropMask(mask: Mask, r: Rect): Mask {
  const w = r.x1 - r.x0, h = r.y1 - r.y0;
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const src = (r.y0 + y) * mask.width + r.x0;
    data.set(mask.data.subarray(src, src + w), y * w);
  }
  return createMask(w, h, data);
}

/** `r` widened by `margin` on every side, within a width x height image. */
export function widenRect(r: Rect, margin: number, width: number, height: number): Rect {
  return {
    x0: Math.max(0, r.x0 - margin),
    y0: Math.max(0, r.y0 - margin),
    x1: Math.min(width, r.x1 + margin),
    y1: Math.min(height, r.y1 + margin),
  };
}

/** A copy of `image` whose hole pixels come from `filled`, a result for the crop `region`; every other pixel (and the alpha channel) is the image's own. */
export function pasteHole(image: Image, mask: Mask, filled: Image, region: Rect): Image {
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
