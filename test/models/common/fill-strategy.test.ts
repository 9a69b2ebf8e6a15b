/**
 * The fill strategy with a stand-in network (no engine): what it is given (whole image, crop,
 * resized crop; always on the grid), that only the hole's pixels come from it, and that a guide
 * image travels with the image.
 */
import { describe, expect, it } from 'vitest';
import { createImage, createMask, type Image, type Mask } from '../../../src/core/image.js';
import { contextRegion, fillAnySize, type FillGeometry } from '../../../src/models/common/fill-strategy.js';

const geometry: FillGeometry = { sizeGrid: 8, nativeSize: 64, largestSize: 128, contextMargin: (w, h) => Math.max(8, w, h) };

function scene(width: number, height: number, hole: { x0: number; y0: number; x1: number; y1: number }) {
  const rgb = new Uint8Array(width * height * 3).map((_, i) => (i * 31) % 253);
  const data = new Uint8Array(width * height).map((_, i) => {
    const x = i % width, y = Math.floor(i / width);
    return x >= hole.x0 && x < hole.x1 && y >= hole.y0 && y < hole.y1 ? 1 : 0;
  });
  return { image: createImage(width, height, rgb), mask: createMask(width, height, data) };
}

/** A stand-in network that paints everything 200 and records the sizes and hole counts it saw. */
function recorder() {
  const seen: { width: number; height: number; holes: number }[] = [];
  const run = (image: Image, mask: Mask): Image => {
    seen.push({ width: image.width, height: image.height, holes: mask.data.reduce((a, b) => a + b, 0) });
    return createImage(image.width, image.height, new Uint8Array(image.rgb.length).fill(200));
  };
  return { seen, run };
}

/** Hole pixels are the stand-in's 200, every other pixel the input's own. */
function expectOnlyHoleChanged(image: Image, mask: Mask, out: Image): void {
  let wrong = 0;
  for (let i = 0; i < mask.data.length * 3; i++) {
    if (out.rgb[i] !== (mask.data[Math.floor(i / 3)] ? 200 : image.rgb[i])) wrong++;
  }
  expect(wrong).toBe(0);
}

describe('fillAnySize', () => {
  it('an image within the native size runs whole, padded to the grid (21x13 -> 24x16), padding known', () => {
    const { image, mask } = scene(21, 13, { x0: 5, y0: 3, x1: 9, y1: 7 });
    const { seen, run } = recorder();
    const out = fillAnySize(image, mask, geometry, run);
    expect(seen).toEqual([{ width: 24, height: 16, holes: 16 }]);
    expectOnlyHoleChanged(image, mask, out);
  });

  it('an image below the minimum size is padded up to it (8x20 -> 24x24 for a minimum of 24), padding known', () => {
    const { image, mask } = scene(8, 20, { x0: 2, y0: 3, x1: 6, y1: 7 });
    const { seen, run } = recorder();
    const out = fillAnySize(image, mask, { ...geometry, minimumSize: 24 }, run);
    expect(seen).toEqual([{ width: 24, height: 24, holes: 16 }]);
    expectOnlyHoleChanged(image, mask, out);
  });

  it('an image on the grid within the native size runs exactly as it is', () => {
    const { image, mask } = scene(64, 48, { x0: 10, y0: 10, x1: 20, y1: 20 });
    const { seen, run } = recorder();
    fillAnySize(image, mask, geometry, run);
    expect(seen).toEqual([{ width: 64, height: 48, holes: 100 }]);
  });

  it('a larger image: a crop around the hole grown to the native size, at full resolution', () => {
    const { image, mask } = scene(300, 200, { x0: 150, y0: 100, x1: 160, y1: 104 });
    expect(contextRegion({ x0: 150, y0: 100, x1: 160, y1: 104 }, geometry, image)).toEqual({ x0: 123, y0: 70, x1: 187, y1: 134 });
    const { seen, run } = recorder();
    const out = fillAnySize(image, mask, geometry, run);
    expect(seen).toEqual([{ width: 64, height: 64, holes: 40 }]);
    expectOnlyHoleChanged(image, mask, out);
  });

  it('a crop beyond the largest size is resized down to it, no hole pixel lost, the result brought back', () => {
    const { image, mask } = scene(400, 90, { x0: 100, y0: 40, x1: 301, y1: 43 });
    const { seen, run } = recorder();
    const out = fillAnySize(image, mask, geometry, run);
    // Crop 400x90 (margin 201, clipped) -> 128x29 -> padded to 128x32; the 3-row hole still covers >= 1 row.
    expect(seen.map(({ width, height }) => [width, height])).toEqual([[128, 32]]);
    expect(seen[0].holes).toBeGreaterThanOrEqual(64);
    expectOnlyHoleChanged(image, mask, out);
  });

  it('an empty mask returns the image without running the network', () => {
    const { image, mask } = scene(16, 16, { x0: 0, y0: 0, x1: 0, y1: 0 });
    const { seen, run } = recorder();
    expect(fillAnySize(image, mask, geometry, run)).toBe(image);
    expect(seen).toEqual([]);
  });

  it('a guide goes through the same crop, padding and resizing as the image', () => {
    // The guide is the image itself: whatever the strategy does, the two must arrive equal.
    for (const [width, height, hole] of [
      [21, 13, { x0: 5, y0: 3, x1: 9, y1: 7 }],
      [300, 200, { x0: 150, y0: 100, x1: 160, y1: 104 }],
      [400, 90, { x0: 100, y0: 40, x1: 301, y1: 43 }],
    ] as const) {
      const { image, mask } = scene(width, height, hole);
      const guide = createImage(width, height, image.rgb.slice());
      let same = 0;
      fillAnySize(image, mask, geometry, (onGrid, _mask, guideOnGrid) => {
        if (guideOnGrid && Buffer.from(guideOnGrid.rgb).equals(Buffer.from(onGrid.rgb))) same++;
        return createImage(onGrid.width, onGrid.height, new Uint8Array(onGrid.rgb.length));
      }, guide);
      expect(same).toBe(1);
    }
  });
});
