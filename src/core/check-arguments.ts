import { InvalidInputError, InvalidOptionError, describe } from './errors.js';
import type { Image, Mask } from './image.js';

/**
 * Checks of what a library caller passes in, made at every public entry before any work: from
 * TypeScript the types hold, but from JavaScript, JSON or a cast anything can come, and a wrong
 * length would otherwise be read as pixels. Each error names the parameter (`image.rgb`).
 */

/** Throws unless `value` is an Image: positive integer size, `rgb` and `alpha` Uint8Arrays of the right length. */
export function checkImage(value: unknown, parameter = 'image'): asserts value is Image {
  const image = checkObject(value, parameter, 'an Image { width, height, rgb: Uint8Array }');
  if (!('rgb' in image)) {
    throw new InvalidInputError(parameter, 'an Image { width, height, rgb: Uint8Array }', 'data' in image ? 'a Mask (are the arguments swapped?)' : 'an object without rgb');
  }
  const pixels = checkSize(image, parameter);
  checkBytes(image.rgb, `${parameter}.rgb`, pixels * 3, `${pixels} pixels x 3 channels`);
  if (image.alpha !== undefined) checkBytes(image.alpha, `${parameter}.alpha`, pixels, `one per pixel`);
}

/** Throws unless `value` is a Mask: positive integer size, `data` a Uint8Array of 0s and 1s, one per pixel. */
export function checkMask(value: unknown, parameter = 'mask'): asserts value is Mask {
  const mask = checkObject(value, parameter, 'a Mask { width, height, data: Uint8Array }');
  if (!('data' in mask)) {
    throw new InvalidInputError(parameter, 'a Mask { width, height, data: Uint8Array }', 'rgb' in mask ? 'an Image (are the arguments swapped?)' : 'an object without data');
  }
  const pixels = checkSize(mask, parameter);
  const data = checkBytes(mask.data, `${parameter}.data`, pixels, 'one per pixel');
  const other = data.findIndex((byte) => byte > 1);
  if (other >= 0) throw new InvalidInputError(`${parameter}.data`, '0 (known) or 1 (hole) for each pixel', `${data[other]} at index ${other}`);
}

/** Throws unless `value` is left out or a plain object (an options bag). */
export function checkOptionsObject(value: unknown, parameter = 'options'): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InvalidOptionError(parameter, 'an object', value);
}

function checkObject(value: unknown, parameter: string, expected: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object') throw new InvalidInputError(parameter, expected, describeKind(value));
  return value as Record<string, unknown>;
}

/** Throws unless width and height are positive integers; returns the pixel count. */
export function checkSize(value: { readonly width?: unknown; readonly height?: unknown }, parameter: string): number {
  for (const side of ['width', 'height']) {
    const length = value[side as 'width' | 'height'];
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 1) {
      throw new InvalidInputError(`${parameter}.${side}`, 'a positive integer (a number)', describeKind(length));
    }
  }
  return (value.width as number) * (value.height as number);
}

function checkBytes(value: unknown, parameter: string, length: number, what: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new InvalidInputError(parameter, 'a Uint8Array', describeKind(value));
  if (value.length !== length) throw new InvalidInputError(parameter, `${length} bytes (${what})`, `${value.length}`);
  return value;
}

/** What a value is, for messages: `a Float32Array`, `the string "64"`, `null`. */
export function describeKind(value: unknown): string {
  if (typeof value === 'string') return `the string ${describe(value)}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (Array.isArray(value)) return 'an array';
  return describe(value);
}
