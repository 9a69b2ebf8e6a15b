import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { maskFromPixels } from '../../src/io/mask-from-pixels.js';

/** One-row RGB pixels with the given gray values. */
function grayRow(values: number[]) {
  return {
    width: values.length,
    height: 1,
    channels: 3,
    hasAlpha: false,
    data: Uint8Array.from(values.flatMap((v) => [v, v, v])),
  };
}

describe('maskFromPixels', () => {
  it('black and white: white is hole, no note', () => {
    const notes: string[] = [];
    const mask = maskFromPixels(grayRow([0, 255, 0, 255]), { onNote: (n) => notes.push(n) });
    expect(Array.from(mask.data)).toEqual([0, 1, 0, 1]);
    expect(notes).toEqual([]);
  });

  it('soft mask: thresholded at 128 with a note', () => {
    const notes: string[] = [];
    const mask = maskFromPixels(grayRow([0, 127, 128, 200, 255]), { onNote: (n) => notes.push(n) }, 'm.png');
    expect(Array.from(mask.data)).toEqual([0, 0, 1, 1, 1]);
    expect(notes).toEqual(['m.png is a soft mask (grey levels): thresholded at 50%, values >= 128 are holes']);
  });

  it('0/1 mask: 1 is hole, with a note', () => {
    const notes: string[] = [];
    const mask = maskFromPixels(grayRow([0, 1, 1, 0]), { onNote: (n) => notes.push(n) });
    expect(Array.from(mask.data)).toEqual([0, 1, 1, 0]);
    expect(notes).toHaveLength(1);
  });

  it('colour mask: any non-black channel is hole', () => {
    const pixels = { width: 3, height: 1, channels: 3, hasAlpha: false, data: Uint8Array.from([0, 0, 0, 255, 0, 0, 0, 0, 255]) };
    expect(Array.from(maskFromPixels(pixels).data)).toEqual([0, 1, 1]);
  });

  it('colour channels decide even when the pixel is transparent (alpha ignored)', () => {
    const pixels = { width: 2, height: 1, channels: 4, hasAlpha: true, data: Uint8Array.from([255, 255, 255, 0, 0, 0, 0, 255]) };
    expect(Array.from(maskFromPixels(pixels).data)).toEqual([1, 0]);
  });

  it('fromAlpha: alpha < 128 is hole', () => {
    const data = Uint8Array.from([9, 9, 9, 0, 9, 9, 9, 127, 9, 9, 9, 128, 9, 9, 9, 255]);
    const mask = maskFromPixels({ width: 4, height: 1, channels: 4, hasAlpha: true, data }, { fromAlpha: true });
    expect(Array.from(mask.data)).toEqual([1, 1, 0, 0]);
  });

  it('fromAlpha on pixels without alpha: InvalidInputError', () => {
    expect(() => maskFromPixels(grayRow([0, 255]), { fromAlpha: true }, 'm.png')).toThrow(InvalidInputError);
  });

  it('invert: hole and known swapped', () => {
    expect(Array.from(maskFromPixels(grayRow([0, 255, 200]), { invert: true }).data)).toEqual([1, 0, 0]);
  });

  it('invert with fromAlpha: opaque is hole', () => {
    const data = Uint8Array.from([1, 1, 1, 0, 1, 1, 1, 255]);
    const mask = maskFromPixels({ width: 2, height: 1, channels: 4, hasAlpha: true, data }, { fromAlpha: true, invert: true });
    expect(Array.from(mask.data)).toEqual([0, 1]);
  });

  it('byte count that does not match the size: InvalidInputError', () => {
    expect(() => maskFromPixels({ width: 3, height: 1, channels: 3, hasAlpha: false, data: new Uint8Array(8) })).toThrow(
      InvalidInputError,
    );
  });
});
