import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canny } from '../../../src/classical/canny/canny.js';
import { skimageGray } from '../../../src/classical/canny/skimage-gray.js';
import { createImage } from '../../../src/core/image.js';
import { readImage } from '../../../src/io/read-image.js';
import { readMask } from '../../../src/io/read-mask.js';

const fixtures = fileURLToPath(new URL('../../fixtures/classical/canny/', import.meta.url));
const names = ['meadow-crop-0', 'meadow-crop-1', 'meadow-crop-2', 'meadow-crop-3', 'meadow-crop-4', 'meadow-half', 'meadow-third', 'shapes', 'noise'];

async function picture(name: string) {
  const image = await readImage(`${fixtures}${name}.png`);
  const valid = (await readMask(`${fixtures}${name}-valid.png`, { size: image })).data;
  const edges = async (variant: string) => (await readMask(`${fixtures}${name}-edges${variant}.png`, { size: image })).data;
  return { image, valid, reference: { whole: await edges(''), masked: await edges('-masked'), fine: await edges('-fine') } };
}

function differing(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

describe('skimageGray', () => {
  it('equals scikit-image rgb2gray to the bit', async () => {
    const image = await readImage(`${fixtures}meadow-crop-0.png`);
    const probe = await readFile(`${fixtures}gray-probe.bin`);
    const reference = new Float64Array(probe.buffer, probe.byteOffset, probe.length / 8);
    const gray = skimageGray(image);
    expect(gray.length).toBe(reference.length);
    expect(differing(new Uint8Array(gray.buffer), new Uint8Array(reference.buffer.slice(reference.byteOffset, reference.byteOffset + probe.length)))).toBe(0);
  });
});

describe('canny, sigma 2, against skimage.feature.canny (0.19) on the fixtures', () => {
  it.each(names)('%s: the same edge map, pixel for pixel, whole, masked, and with low thresholds', async (name) => {
    const { image, valid, reference } = await picture(name);
    const gray = skimageGray(image);
    const { width, height } = image;
    expect(differing(canny(gray, width, height, { sigma: 2 }), reference.whole)).toBe(0);
    expect(differing(canny(gray, width, height, { sigma: 2, valid }), reference.masked)).toBe(0);
    expect(differing(canny(gray, width, height, { sigma: 2, valid, lowThreshold: 0.02, highThreshold: 0.05 }), reference.fine)).toBe(0);
  });

  it('the fixtures are not trivial: thousands of edge pixels, and no edge where the mask is a hole', async () => {
    let total = 0;
    for (const name of names) {
      const { valid, reference } = await picture(name);
      total += reference.fine.reduce((s, v) => s + v, 0);
      for (let i = 0; i < valid.length; i++) if (!valid[i]) expect(reference.masked[i]).toBe(0);
    }
    expect(total).toBeGreaterThan(5000);
  });

  it('a deliberate mistake shows: a wrong sigma, an inverted mask or swapped colour channels each change the edges', async () => {
    const { image, valid, reference } = await picture('meadow-half');
    const gray = skimageGray(image);
    const { width, height } = image;
    expect(differing(canny(gray, width, height, { sigma: 1.5, valid, lowThreshold: 0.02, highThreshold: 0.05 }), reference.fine)).toBeGreaterThan(0);
    const inverted = valid.map((v) => 1 - v);
    expect(differing(canny(gray, width, height, { sigma: 2, valid: inverted }), reference.masked)).toBeGreaterThan(0);
    // Swapped red and blue: another grey plane, other edges.
    const swapped = image.rgb.slice();
    for (let i = 0; i < swapped.length; i += 3) [swapped[i], swapped[i + 2]] = [swapped[i + 2], swapped[i]];
    const swappedGray = skimageGray(createImage(width, height, swapped));
    expect(differing(canny(swappedGray, width, height, { sigma: 2, valid, lowThreshold: 0.02, highThreshold: 0.05 }), reference.fine)).toBeGreaterThan(0);
  });

  it('refuses inconsistent arguments', () => {
    expect(() => canny(new Float64Array(10), 4, 4)).toThrow(/16 grey values/);
    expect(() => canny(new Float64Array(16), 4, 4, { valid: new Uint8Array(3) })).toThrow(/valid flags/);
    expect(() => canny(new Float64Array(16), 4, 4, { lowThreshold: 0.3, highThreshold: 0.2 })).toThrow(/low threshold/);
  });
});
