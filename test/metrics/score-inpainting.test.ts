import { describe, expect, it } from 'vitest';
import { createImage, createMask } from '../../src/core/image.js';
import { scoreInpainting } from '../../src/metrics/score-inpainting.js';

function texture(w: number, h: number) {
  return createImage(w, h, Uint8Array.from({ length: w * h * 3 }, (_, i) => (i * 37) % 251));
}

describe('scoreInpainting', () => {
  const truth = texture(16, 16);
  const hole = createMask(16, 16);
  for (let y = 4; y < 12; y++) hole.data.fill(1, y * 16 + 4, y * 16 + 12);

  it('the ground truth scores PSNR 148.13, SSIM 1, L1 0, sharpness 1', () => {
    const s = scoreInpainting(truth, truth, hole);
    expect(s.psnr).toBeCloseTo(148.13, 2);
    expect(s.ssim).toBeCloseTo(1, 12);
    expect(s.l1).toBe(0);
    expect(s.sharpness).toBeCloseTo(1, 12);
  });

  it('pixels outside the hole do not count: an output right in the hole but wrong elsewhere is perfect', () => {
    const output = createImage(16, 16, truth.rgb.map((v, i) => (hole.data[Math.floor(i / 3)] ? v : 255 - v)));
    expect(scoreInpainting(output, truth, hole).l1).toBe(0);
  });

  it('a grey hole scores below the truth on every metric', () => {
    const output = createImage(16, 16, truth.rgb.map((v, i) => (hole.data[Math.floor(i / 3)] ? 128 : v)));
    const s = scoreInpainting(output, truth, hole);
    expect(s.psnr).toBeLessThan(40);
    expect(s.ssim).toBeLessThan(1);
    expect(s.l1).toBeGreaterThan(0);
    expect(s.sharpness).toBeLessThan(1);
  });
});
