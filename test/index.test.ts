import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as inpaint from '../src/index.js';
import { useTempFolder } from './io/temp-folder.js';

const {
  CancelledError,
  InpaintError,
  InvalidInputError,
  InvalidOptionError,
  MaskCoversEverythingError,
  OverwriteInputError,
  SizeMismatchError,
  UnknownMethodError,
  createImage,
  createMask,
  inpaintImage,
  readImage,
  readMask,
  writeImage,
  writeMask,
} = inpaint;

/** A flat image of one colour with a square hole whose pixels are black (so a fill shows). */
function flatImageWithHole(size: number, hole: number, colour: [number, number, number]) {
  const rgb = new Uint8Array(size * size * 3);
  const data = new Uint8Array(size * size);
  const start = (size - hole) >> 1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      const inHole = x >= start && x < start + hole && y >= start && y < start + hole;
      data[i] = inHole ? 1 : 0;
      if (!inHole) rgb.set(colour, i * 3);
    }
  }
  return { image: createImage(size, size, rgb), mask: createMask(size, size, data) };
}

describe('public entry (src/index.ts)', () => {
  it('exports every function the README documents', () => {
    const documented = [
      'inpaintImage',
      'readImage',
      'writeImage',
      'encodeImage',
      'readMask',
      'writeMask',
      'createImage',
      'createMask',
      'getMethod',
      'parseOptions',
      'generateMasks',
      'psnr',
      'ssim',
      'l1Percent',
      'sharpness',
      'scoreInpainting',
      'evaluateMethod',
      'formatEvalReport',
      'createServer',
      'inpaintVideo',
      'getVideoMethod',
      'readFrames',
      'openVideoMask',
      'createVideoWriter',
      'describeVideoSource',
      'disFlow',
      'createFlowPool',
      'selectObject',
      'trackMasks',
      'trackClipMasks',
    ] as const;
    for (const name of documented) expect(typeof inpaint[name], name).toBe('function');
  });

  it('exports the error classes, each a subclass of InpaintError named after itself', () => {
    const errors = [
      CancelledError,
      InvalidInputError,
      InvalidOptionError,
      MaskCoversEverythingError,
      OverwriteInputError,
      SizeMismatchError,
      UnknownMethodError,
    ];
    for (const ErrorClass of errors) {
      expect(ErrorClass.prototype).toBeInstanceOf(InpaintError);
    }
    const error = new InvalidOptionError('radius', 'integer between 1 and 64', 0);
    expect(error.name).toBe('InvalidOptionError');
    expect(error.isInputError).toBe(true);
    expect(new CancelledError().isInputError).toBe(false);
  });

  it('methods lists patchmatch (the default) then telea, and getMethod finds each', () => {
    expect(inpaint.methods.map((m) => m.id)).toEqual(['patchmatch', 'telea', 'deepfillv2', 'edgeconnect', 'pconv', 'glcic', 'lbam']);
    expect(inpaint.defaultMethodId).toBe('patchmatch');
    expect(inpaint.getMethod('telea').id).toBe('telea');
  });

  it('getMethod("nope") throws UnknownMethodError listing the known ids', () => {
    expect(() => inpaint.getMethod('nope')).toThrow(UnknownMethodError);
    expect(() => inpaint.getMethod('nope')).toThrow(/patchmatch, telea/);
  });
});

describe('inpaintImage through the public entry', () => {
  it('telea fills a 4x4 hole in a flat 16x16 image with the surrounding colour', async () => {
    const colour: [number, number, number] = [90, 120, 150];
    const { image, mask } = flatImageWithHole(16, 4, colour);
    const out = await inpaintImage(image, mask, { method: 'telea' });
    expect(out.width).toBe(16);
    expect(out.height).toBe(16);
    for (let i = 0; i < 16 * 16; i++) {
      for (let c = 0; c < 3; c++) expect(Math.abs(out.rgb[i * 3 + c] - colour[c])).toBeLessThanOrEqual(1);
    }
    // The input is not modified: its hole is still black.
    expect(image.rgb[(7 * 16 + 7) * 3]).toBe(0);
  });

  it('telea keeps every known pixel bit-identical', async () => {
    const { image, mask } = flatImageWithHole(16, 4, [10, 200, 30]);
    image.rgb[0] = 77;
    const out = await inpaintImage(image, mask, { method: 'telea', options: { radius: 2 } });
    for (let i = 0; i < 16 * 16; i++) {
      if (mask.data[i]) continue;
      expect(Array.from(out.rgb.subarray(i * 3, i * 3 + 3))).toEqual(Array.from(image.rgb.subarray(i * 3, i * 3 + 3)));
    }
  });

  it('telea radius 0 throws InvalidOptionError', async () => {
    const { image, mask } = flatImageWithHole(16, 4, [0, 0, 0]);
    await expect(inpaintImage(image, mask, { method: 'telea', options: { radius: 0 } })).rejects.toThrow(InvalidOptionError);
  });

  it('a mask of another size throws SizeMismatchError', async () => {
    const { image } = flatImageWithHole(16, 4, [0, 0, 0]);
    await expect(inpaintImage(image, createMask(8, 8), { method: 'telea' })).rejects.toThrow(SizeMismatchError);
  });
});

describe('file I/O through the public entry', () => {
  const tempFolder = useTempFolder();

  it('writeImage then readImage gives back the same PNG pixels', async () => {
    const rgb = new Uint8Array(5 * 3 * 3).map((_, i) => (i * 37) % 256);
    const image = createImage(5, 3, rgb);
    const path = join(await tempFolder(), 'picture.png');
    await writeImage(path, image);
    const back = await readImage(path);
    expect(back.width).toBe(5);
    expect(back.height).toBe(3);
    expect(Array.from(back.rgb)).toEqual(Array.from(rgb));
  });

  it('writeMask then readMask gives back the same hole', async () => {
    const data = new Uint8Array(6 * 4);
    data.fill(1, 7, 11);
    const path = join(await tempFolder(), 'hole.png');
    await writeMask(path, createMask(6, 4, data));
    const back = await readMask(path, { size: { width: 6, height: 4 } });
    expect(Array.from(back.data)).toEqual(Array.from(data));
  });

  it('readMask of a 6x4 mask for an 8x8 image throws SizeMismatchError', async () => {
    const path = join(await tempFolder(), 'hole.png');
    await writeMask(path, createMask(6, 4, new Uint8Array(24).fill(1, 0, 5)));
    await expect(readMask(path, { size: { width: 8, height: 8 } })).rejects.toThrow(SizeMismatchError);
  });
});
