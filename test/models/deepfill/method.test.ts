/**
 * The `deepfillv2` registry entry through inpaintImage, with the parity fixture's small random
 * generator (width 4): sizes that are not multiples of 8, known pixels kept, clear errors.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createImage, createMask } from '../../../src/core/image.js';
import { InvalidInputError, InvalidOptionError } from '../../../src/core/errors.js';
import { inpaintImage } from '../../../src/pipeline/inpaint-image.js';
import { getMethod } from '../../../src/methods.js';
import { describeWithEngine } from '../../torch/engine.js';

const weights = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'deepfill', 'weights.pth');

function scene(width: number, height: number) {
  const rgb = new Uint8Array(width * height * 3).map((_, i) => (i * 37) % 251);
  const hole = new Uint8Array(width * height).map((_, i) => (i % width > 5 && i % width < 14 && Math.floor(i / width) > 3 && Math.floor(i / width) < 9 ? 1 : 0));
  return { image: createImage(width, height, rgb), mask: createMask(width, height, hole) };
}

describe('deepfillv2 in the registry', () => {
  it('is an image method that needs weights and can be trained', () => {
    const method = getMethod('deepfillv2');
    expect([method.kind, method.needsWeights, method.trainable]).toEqual(['image', true, true]);
  });
});

describeWithEngine('deepfillv2 through inpaintImage', () => {
  it('21x13 image: same size out, every known pixel unchanged, the hole filled', async () => {
    const { image, mask } = scene(21, 13);
    const out = await inpaintImage(image, mask, { method: 'deepfillv2', options: { weights } });
    expect([out.width, out.height]).toEqual([21, 13]);
    let changed = 0;
    for (let i = 0; i < mask.data.length; i++) {
      for (let c = 0; c < 3; c++) {
        if (!mask.data[i]) expect(out.rgb[i * 3 + c]).toBe(image.rgb[i * 3 + c]);
        else if (out.rgb[i * 3 + c] !== image.rgb[i * 3 + c]) changed++;
      }
    }
    expect(changed).toBeGreaterThan(0);
  });

  it('without weights: InvalidOptionError naming the weights', async () => {
    const { image, mask } = scene(16, 16);
    await expect(inpaintImage(image, mask, { method: 'deepfillv2' })).rejects.toThrow(InvalidOptionError);
    await expect(inpaintImage(image, mask, { method: 'deepfillv2' })).rejects.toThrow(/weights/);
  });

  it('a weights file that does not exist: InvalidInputError naming the path', async () => {
    const { image, mask } = scene(16, 16);
    await expect(inpaintImage(image, mask, { method: 'deepfillv2', options: { weights: '/no/such/file.pth' } }))
      .rejects.toThrow(InvalidInputError);
  });
});
