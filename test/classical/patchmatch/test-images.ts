import { createImage, createMask, type Image, type Mask } from '../../../src/core/image.js';

export type Rgb = readonly [number, number, number];

/** An image whose pixel (x, y) is `colour(x, y)`. */
export function patternImage(width: number, height: number, colour: (x: number, y: number) => Rgb): Image {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rgb.set(colour(x, y), (y * width + x) * 3);
  }
  return createImage(width, height, rgb);
}

/** Seeded uniform numbers in [0, 1) (mulberry32): test images that are the same every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every byte uniform random: a texture with no structure to guess from. */
export function noiseImage(width: number, height: number, seed: number): Image {
  const random = seededRandom(seed);
  return createImage(width, height, Uint8Array.from({ length: width * height * 3 }, () => Math.floor(random() * 256)));
}

/** A mask with the rectangle [x0, x0 + w) x [y0, y0 + h) as hole. */
export function rectMask(width: number, height: number, x0: number, y0: number, w: number, h = w): Mask {
  const data = new Uint8Array(width * height);
  for (let y = y0; y < y0 + h; y++) data.fill(1, y * width + x0, y * width + x0 + w);
  return createMask(width, height, data);
}

/** The image with every hole byte set to `value`, as a caller that greys the hole would pass it. */
export function withHoleValue(image: Image, mask: Mask, value: number): Image {
  const rgb = image.rgb.slice();
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) rgb.fill(value, i * 3, i * 3 + 3);
  return createImage(image.width, image.height, rgb);
}

/** Number of known pixels (mask 0) whose RGB differs between the two images. */
export function changedKnownPixels(a: Image, b: Image, mask: Mask): number {
  let changed = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i]) continue;
    if (a.rgb[i * 3] !== b.rgb[i * 3] || a.rgb[i * 3 + 1] !== b.rgb[i * 3 + 1] || a.rgb[i * 3 + 2] !== b.rgb[i * 3 + 2]) changed++;
  }
  return changed;
}

/** Over the hole: the largest channel difference, and the fraction of pixels equal in all channels. */
export function holeAgreement(output: Image, truth: Image, mask: Mask): { maxDifference: number; exactFraction: number } {
  let maxDifference = 0, exact = 0, holes = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    holes++;
    let worst = 0;
    for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(output.rgb[i * 3 + c] - truth.rgb[i * 3 + c]));
    if (worst === 0) exact++;
    maxDifference = Math.max(maxDifference, worst);
  }
  return { maxDifference, exactFraction: exact / holes };
}
