import { describe, expect, it } from 'vitest';
import { maskIoU, movingObjectClip } from '../../bench/moving-object-clip.js';
import { InvalidOptionError } from '../../src/core/errors.js';
import { readImage } from '../../src/io/read-image.js';
import { selectObject } from '../../src/segmentation/select-object.js';
import { stripes } from './small-clip.js';

/** One frame: a striped blob over the meadow photo, and its true mask. */
async function composite(width: number, height: number) {
  const clip = movingObjectClip({
    width,
    height,
    frames: 1,
    background: await readImage('samples/meadow.jpg'),
    texture: stripes(120, 120),
    lobes: 5,
    pan: { dx: 0, dy: 0 },
    from: { x: width * 0.45, y: height * 0.5, radius: height * 0.2 },
    to: { x: width * 0.45, y: height * 0.5, radius: height * 0.2 },
  });
  return { image: clip.frames[0], truth: clip.masks[0] };
}

describe('selectObject', () => {
  it('selects the object under one click', async () => {
    const { image, truth } = await composite(160, 120);
    const mask = selectObject(image, { include: [{ x: 72, y: 60 }] });
    expect(maskIoU(mask, truth)).toBeGreaterThan(0.9);
  });

  it('shrinks a large image to work on and refines the edge at full size', async () => {
    const { image, truth } = await composite(480, 360);
    const mask = selectObject(image, { include: [{ x: 216, y: 180 }] }, { workSize: 160 });
    expect([mask.width, mask.height]).toEqual([480, 360]);
    expect(maskIoU(mask, truth)).toBeGreaterThan(0.9);
  });

  it('keeps excluded clicks out of the selection', async () => {
    const { image } = await composite(160, 120);
    const exclude = { x: 150, y: 110 };
    const mask = selectObject(image, { include: [{ x: 150, y: 10 }], exclude: [exclude] });
    expect(mask.data[exclude.y * 160 + exclude.x]).toBe(0);
    expect(mask.data[10 * 160 + 150]).toBe(1);
  });

  it('refuses a point outside the image and a selection without a point on the object', async () => {
    const { image } = await composite(64, 48);
    expect(() => selectObject(image, { include: [{ x: 64, y: 10 }] })).toThrow(InvalidOptionError);
    expect(() => selectObject(image, { include: [{ x: 10, y: 10 }], exclude: [{ x: -1, y: 0 }] })).toThrow(InvalidOptionError);
    expect(() => selectObject(image, { include: [] })).toThrow(InvalidOptionError);
  });
});
