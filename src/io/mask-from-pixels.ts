import { InvalidInputError } from '../core/errors.js';
import type { Mask } from '../core/image.js';

/** Decoded 8-bit pixels, interleaved; with `hasAlpha`, the last channel is alpha. */
export interface MaskPixels {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly hasAlpha: boolean;
  readonly data: Uint8Array;
}

export interface MaskPolarityOptions {
  /** Read the hole from the alpha channel: transparent (alpha < 128) = hole. @default false */
  readonly fromAlpha?: boolean;
  /** Swap hole and known after reading. @default false */
  readonly invert?: boolean;
  /** Called with a sentence for each interpretation worth knowing (soft mask thresholded, ...). */
  readonly onNote?: (message: string) => void;
}

/** Half of 255, rounded up: values at or above it count as "on". */
const threshold = 128;

/**
 * Turns decoded pixels into a hole mask (1 = hole). Without `fromAlpha`, a pixel's value is its
 * brightest colour channel, so a colour mask counts any non-black pixel. Black and white masks:
 * white = hole. Soft masks (grey levels present) are thresholded at 50%, and a mask of only 0 and 1
 * (as some datasets store them) reads 1 as hole; both with a note. `name` is used in messages.
 */
export function maskFromPixels(pixels: MaskPixels, options: MaskPolarityOptions = {}, name = 'mask'): Mask {
  const { width, height, channels, hasAlpha, data } = pixels;
  const n = width * height;
  if (data.length !== n * channels) {
    throw new InvalidInputError(name, `${n * channels} bytes (${width}x${height}x${channels})`, `${data.length}`);
  }
  if (options.fromAlpha && !hasAlpha) {
    throw new InvalidInputError(name, 'an image with an alpha channel (mask from alpha)', 'one without alpha');
  }
  const values = options.fromAlpha ? alphaValues(pixels) : brightestChannel(pixels);

  let soft = false;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v > 0 && v < 255) soft = true;
    if (v > max) max = v;
  }
  // A 0/1 mask would read as empty at 50%: take it for what it evidently is.
  const zeroOne = !options.fromAlpha && max === 1;
  const cut = zeroOne ? 1 : threshold;
  if (zeroOne) {
    options.onNote?.(`${name} holds only values 0 and 1: read 1 as hole`);
  } else if (soft) {
    options.onNote?.(
      options.fromAlpha
        ? `${name} has partial transparency: alpha below 50% read as hole`
        : `${name} is a soft mask (grey levels): thresholded at 50%, values >= ${threshold} are holes`,
    );
  }

  // With fromAlpha, "on" means opaque, which is known: the hole is the pixels below the cut.
  const holeWhenOn = options.fromAlpha ? 0 : 1;
  const hole = options.invert ? 1 - holeWhenOn : holeWhenOn;
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = values[i] >= cut ? hole : 1 - hole;
  return { width, height, data: mask };
}

function alphaValues({ width, height, channels, data }: MaskPixels): Uint8Array {
  const n = width * height;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = data[i * channels + channels - 1];
  return out;
}

function brightestChannel({ width, height, channels, hasAlpha, data }: MaskPixels): Uint8Array {
  const n = width * height;
  const colours = hasAlpha ? channels - 1 : channels;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const base = i * channels;
    let v = data[base];
    for (let c = 1; c < colours; c++) if (data[base + c] > v) v = data[base + c];
    out[i] = v;
  }
  return out;
}
