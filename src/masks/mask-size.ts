import { InvalidOptionError } from '../core/errors.js';

/** Smallest generated mask side: below it a brush stroke is a handful of pixels. */
export const minMaskSide = 8;
/** Largest generated mask side: 8192x8192 is already 64 MiB of mask. */
export const maxMaskSide = 8192;

/** Throws InvalidOptionError naming `width` or `height` unless both are integers in range. */
export function checkMaskSize(width: unknown, height: unknown): void {
  for (const [option, value] of [['width', width], ['height', height]] as const) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < minMaskSide || value > maxMaskSide) {
      throw new InvalidOptionError(option, `integer between ${minMaskSide} and ${maxMaskSide}`, value);
    }
  }
}
