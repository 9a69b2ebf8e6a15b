import { context2d } from './canvas.js';

export interface MaskFileHoles {
  /** 1 = hole, one byte per pixel. */
  readonly holes: Uint8Array;
  /** A sentence saying how the file was read, when it was not plain black and white. */
  readonly note?: string;
}

/**
 * Reads the hole from an uploaded mask image the way the server reads mask files: a pixel's value
 * is its brightest colour channel, at or above 50% = hole; a mask of only 0 and 1 reads 1 as
 * hole. A mask with no bright pixel but transparent ones (an image with the object erased) reads
 * transparent as hole.
 */
export function holesFromMaskImage(bitmap: ImageBitmap): MaskFileHoles {
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = context2d(canvas);
  ctx.drawImage(bitmap, 0, 0);
  const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  const n = bitmap.width * bitmap.height;

  const values = new Uint8Array(n);
  let brightest = 0;
  let transparent = 0;
  for (let i = 0, p = 0; i < n; i++, p += 4) {
    if (data[p + 3] < 128) {
      transparent++;
      continue;
    }
    const v = Math.max(data[p], data[p + 1], data[p + 2]);
    values[i] = v;
    if (v > brightest) brightest = v;
  }

  const holes = new Uint8Array(n);
  if (brightest === 0 && transparent > 0) {
    for (let i = 0, p = 3; i < n; i++, p += 4) holes[i] = data[p] < 128 ? 1 : 0;
    return { holes, note: 'the mask has no white pixels: its transparent pixels were read as the hole' };
  }
  const cut = brightest === 1 ? 1 : 128;
  for (let i = 0; i < n; i++) holes[i] = values[i] >= cut ? 1 : 0;
  return brightest === 1 ? { holes, note: 'the mask holds only values 0 and 1: 1 was read as the hole' } : { holes };
}
