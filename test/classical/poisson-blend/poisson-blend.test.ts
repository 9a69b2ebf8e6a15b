import { describe, expect, it } from 'vitest';
import { poissonBlend } from '../../../src/classical/poisson-blend/poisson-blend.js';
import { MaskCoversEverythingError } from '../../../src/core/errors.js';
import { createImage, createMask, type Image } from '../../../src/core/image.js';

const W = 40, H = 30;
const image = (value: (x: number, y: number, c: number) => number): Image =>
  createImage(W, H, Uint8Array.from({ length: W * H * 3 }, (_, i) => value(Math.floor(i / 3) % W, Math.floor(i / 3 / W), i % 3)));
const ramp = image((x, y, c) => 40 + 3 * x + 2 * y + 10 * c);
const box = createMask(W, H, Uint8Array.from({ length: W * H }, (_, i) => (i % W >= 10 && i % W < 30 && Math.floor(i / W) >= 8 && Math.floor(i / W) < 24 ? 1 : 0)));

describe('poissonBlend', () => {
  it('keeps the gradients and drops a colour offset: a ramp 50 levels brighter blends back into the ramp', () => {
    const brighter = image((x, y, c) => 90 + 3 * x + 2 * y + 10 * c);
    const blended = poissonBlend(brighter, ramp, box);
    const worst = Math.max(...blended.rgb.map((value, i) => Math.abs(value - ramp.rgb[i])));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('deep inside the hole the Laplacian is the source\'s; known pixels are the destination\'s', () => {
    const texture = image((x, y, c) => 100 + ((x + y + c) % 2) * 40);
    const blended = poissonBlend(texture, ramp, box);
    const at = (img: Image, x: number, y: number, c: number): number => img.rgb[(y * W + x) * 3 + c];
    const laplacian = (img: Image, x: number, y: number, c: number): number =>
      4 * at(img, x, y, c) - at(img, x + 1, y, c) - at(img, x - 1, y, c) - at(img, x, y + 1, c) - at(img, x, y - 1, c);
    let worst = 0;
    for (let y = 12; y < 20; y++) for (let x = 14; x < 26; x++) for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(laplacian(blended, x, y, c) - laplacian(texture, x, y, c)));
    expect(worst).toBeLessThanOrEqual(3); // rounding to bytes: at most 0.5 per term
    box.data.forEach((hole, pixel) => {
      if (!hole) expect(blended.rgb.subarray(pixel * 3, pixel * 3 + 3)).toEqual(ramp.rgb.subarray(pixel * 3, pixel * 3 + 3));
    });
    // The texture's mean level (100..140) is pulled to the ramp's around the hole, not kept.
    expect(Math.abs(at(blended, 20, 16, 0) - at(ramp, 20, 16, 0))).toBeLessThan(40);
  });

  it('a mask over the whole image is refused', () => {
    expect(() => poissonBlend(ramp, ramp, createMask(W, H, new Uint8Array(W * H).fill(1)))).toThrow(MaskCoversEverythingError);
  });
});
