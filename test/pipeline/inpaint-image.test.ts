import { describe, expect, it } from 'vitest';
import {
  CancelledError,
  InvalidOptionError,
  MaskCoversEverythingError,
  SizeMismatchError,
  UnknownMethodError,
} from '../../src/core/errors.js';
import { createImage, createMask, cropImage, cropMask, holeBounds, type Image, type Mask, type Rect } from '../../src/core/image.js';
import { inpaintImage } from '../../src/pipeline/inpaint-image.js';
import { getMethod } from '../../src/methods.js';
import { parseOptions } from '../../src/registry/parse-options.js';

/** A smooth-plus-texture picture, different in every pixel, the same every run. */
function texturedImage(width: number, height: number, alpha?: Uint8Array): Image {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      rgb[i] = (x * 3 + ((x * y) % 17) * 5) & 255;
      rgb[i + 1] = (y * 2 + ((x ^ y) % 23) * 4) & 255;
      rgb[i + 2] = (128 + 100 * Math.sin(x / 9) * Math.cos(y / 7)) | 0;
    }
  }
  return createImage(width, height, rgb, alpha);
}

function rectMask(width: number, height: number, x0: number, y0: number, w: number, h: number): Mask {
  const data = new Uint8Array(width * height);
  for (let y = y0; y < y0 + h; y++) data.fill(1, y * width + x0, y * width + x0 + w);
  return createMask(width, height, data);
}

function changedKnownPixels(a: Image, b: Image, mask: Mask): number {
  let changed = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i]) continue;
    for (let c = 0; c < 3; c++) if (a.rgb[i * 3 + c] !== b.rgb[i * 3 + c]) { changed++; break; }
  }
  return changed;
}

/** The crop the pipeline promises to work on: the hole's box widened by the method's margin, clipped. */
function expectedRegion(method: string, options: Record<string, unknown>, mask: Mask): Rect {
  const box = holeBounds(mask)!;
  const entry = getMethod(method);
  const margin = Math.ceil(entry.contextMargin(box.x1 - box.x0, box.y1 - box.y0, parseOptions(entry, options)));
  return {
    x0: Math.max(0, box.x0 - margin),
    y0: Math.max(0, box.y0 - margin),
    x1: Math.min(mask.width, box.x1 + margin),
    y1: Math.min(mask.height, box.y1 + margin),
  };
}

const methodCases = [
  ['telea', {}],
  ['patchmatch', { seed: 4 }],
] as const;

describe('inpaintImage', () => {
  it.each(methodCases)('%s, empty mask: the input unchanged, one warning, progress 1', async (method, options) => {
    const image = texturedImage(20, 10);
    const before = image.rgb.slice();
    const warnings: string[] = [];
    const fractions: number[] = [];
    const out = await inpaintImage(image, createMask(20, 10), {
      method,
      options,
      onWarning: (m) => warnings.push(m),
      onProgress: (f) => fractions.push(f),
    });
    expect(out.rgb).toEqual(before);
    expect([out.width, out.height]).toEqual([20, 10]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/empty/);
    expect(fractions).toEqual([1]);
  });

  it.each(methodCases)('%s, mask covering every pixel: MaskCoversEverythingError with the size', async (method, options) => {
    const mask = createMask(12, 8, new Uint8Array(96).fill(1));
    const run = inpaintImage(texturedImage(12, 8), mask, { method, options });
    await expect(run).rejects.toThrow(MaskCoversEverythingError);
    await expect(run).rejects.toMatchObject({ width: 12, height: 8 });
  });

  it('mask 12x9 for a 12x8 image: SizeMismatchError with both sizes', async () => {
    const run = inpaintImage(texturedImage(12, 8), rectMask(12, 9, 2, 2, 3, 3));
    await expect(run).rejects.toThrow(SizeMismatchError);
    await expect(run).rejects.toMatchObject({ expected: { width: 12, height: 8 }, received: { width: 12, height: 9 } });
  });

  it('method "teleaa": UnknownMethodError listing the known ones', async () => {
    const run = inpaintImage(texturedImage(12, 8), rectMask(12, 8, 2, 2, 3, 3), { method: 'teleaa' });
    await expect(run).rejects.toThrow(UnknownMethodError);
    await expect(run).rejects.toMatchObject({ method: 'teleaa', known: expect.arrayContaining(['telea', 'patchmatch']) });
  });

  it.each([
    ['telea', { radius: 0 }, 'telea option radius'],
    ['patchmatch', { patchSize: 4 }, 'patchmatch option patchSize'],
    ['patchmatch', { patchsize: 5 }, 'patchsize'],
  ])('%s with %j: InvalidOptionError naming %s', async (method, options, named) => {
    const run = inpaintImage(texturedImage(12, 8), rectMask(12, 8, 2, 2, 3, 3), { method, options });
    await expect(run).rejects.toThrow(InvalidOptionError);
    await expect(run).rejects.toMatchObject({ option: named });
  });

  it('no method given: patchmatch, the default (same output as asking for it)', async () => {
    const image = texturedImage(64, 48);
    const mask = rectMask(64, 48, 30, 20, 6, 5);
    const byDefault = await inpaintImage(image, mask);
    expect(byDefault.rgb).toEqual((await inpaintImage(image, mask, { method: 'patchmatch' })).rgb);
  });

  it.each(methodCases)('%s, an already aborted signal: CancelledError', async (method, options) => {
    const controller = new AbortController();
    controller.abort();
    const run = inpaintImage(texturedImage(40, 30), rectMask(40, 30, 10, 10, 6, 6), { method, options, signal: controller.signal });
    await expect(run).rejects.toThrow(CancelledError);
  });

  it.each(methodCases)('%s, RGBA input: the alpha channel comes back unchanged, known RGB bit-identical', async (method, options) => {
    const alpha = Uint8Array.from({ length: 50 * 40 }, (_, i) => (i * 31) & 255);
    const image = texturedImage(50, 40, alpha);
    const mask = rectMask(50, 40, 20, 15, 8, 7);
    const out = await inpaintImage(image, mask, { method, options });
    expect(out.alpha).toEqual(alpha);
    expect(changedKnownPixels(out, image, mask)).toBe(0);
  });

  it.each(methodCases)('%s, RGB input: no alpha channel added', async (method, options) => {
    const out = await inpaintImage(texturedImage(30, 30), rectMask(30, 30, 12, 12, 4, 4), { method, options });
    expect(out.alpha).toBeUndefined();
  });

  describe('600x400 with a small hole: the method works on the crop its context margin implies', () => {
    const width = 600, height = 400;
    const image = texturedImage(width, height);

    it.each([
      ['telea', {}, 'middle', 290, 190],
      ['patchmatch', { seed: 4 }, 'middle', 290, 190],
      ['telea', { radius: 6 }, 'top-left corner (crop clipped)', 2, 3],
      ['patchmatch', { seed: 9 }, 'right edge (crop clipped)', 585, 200],
    ] as const)('%s %j, hole at the %s: output = the method run on that crop alone', async (method, options, _, x0, y0) => {
      const mask = rectMask(width, height, x0, y0, 13, 9);
      const out = await inpaintImage(image, mask, { method, options });
      expect([out.width, out.height]).toEqual([width, height]);
      expect(changedKnownPixels(out, image, mask)).toBe(0);

      const region = expectedRegion(method, options, mask);
      const entry = getMethod(method);
      const onCrop = await entry.create(parseOptions(entry, options)).inpaint(cropImage(image, region), cropMask(mask, region), {});
      const cropWidth = region.x1 - region.x0;
      let holePixels = 0;
      for (let y = y0; y < y0 + 9; y++) {
        for (let x = x0; x < x0 + 13; x++) {
          const i = (y * width + x) * 3, j = ((y - region.y0) * cropWidth + x - region.x0) * 3;
          expect([...out.rgb.subarray(i, i + 3)], `${x},${y}`).toEqual([...onCrop.rgb.subarray(j, j + 3)]);
          holePixels++;
        }
      }
      expect(holePixels).toBe(13 * 9);
    });

    it.each(methodCases)('%s: pixels outside the crop do not change the output', async (method, options) => {
      const mask = rectMask(width, height, 290, 190, 13, 9);
      const region = expectedRegion(method, options, mask);
      const altered = createImage(width, height, image.rgb.slice());
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          if (x >= region.x0 && x < region.x1 && y >= region.y0 && y < region.y1) continue;
          altered.rgb.fill(255 - image.rgb[(y * width + x) * 3], (y * width + x) * 3, (y * width + x) * 3 + 3);
        }
      }
      const a = await inpaintImage(image, mask, { method, options });
      const b = await inpaintImage(altered, mask, { method, options });
      const hole = holeBounds(mask)!;
      expect(cropImage(b, hole).rgb).toEqual(cropImage(a, hole).rgb);
    });
  });
});
