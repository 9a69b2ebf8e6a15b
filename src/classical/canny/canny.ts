/**
 * Canny edges exactly as scikit-image 0.19 computes them (`skimage.feature.canny`), which is what
 * EdgeConnect and PRVS feed their networks: one edge pixel more or less changes their fill, so
 * every step follows the reference's arithmetic, not just its idea.
 *
 * 1. Smoothing that ignores pixels outside `valid`: Gaussian of the masked image over Gaussian of
 *    the mask (plus float64's epsilon), zeros beyond the border.
 * 2. Sobel gradients (mirrored border) and their length, as glibc's `hypot` rounds it.
 * 3. Non-maximum suppression along the gradient, interpolating between the two neighbours it
 *    falls between, on the valid area shrunk by one pixel (the image border excluded).
 * 4. Hysteresis: 8-connected runs of maxima at least `low`, kept where one reaches `high`.
 */
import { glibcHypot } from './glibc-hypot.js';
import { correlateAlong, gaussianFilter, type SymmetricKernel } from './separable-filter.js';

export interface CannyOptions {
  /** Standard deviation of the Gaussian smoothing, in pixels. @default 1 (EdgeConnect uses 2) */
  readonly sigma?: number;
  /** Gradient length that continues an edge (the grey plane spans 0..1). @default 0.1 */
  readonly lowThreshold?: number;
  /** Gradient length that starts an edge. @default 0.2 */
  readonly highThreshold?: number;
  /** 1 where the image is known; edges are found only there. Left out, everywhere. */
  readonly valid?: Uint8Array;
}

const derivative: SymmetricKernel = { taps: [0, -1], symmetry: -1 };
const smoothing: SymmetricKernel = { taps: [2, 1], symmetry: 1 };

/** The edge map (1 = edge) of a float64 grey plane of `width` x `height`. */
export function canny(gray: Float64Array, width: number, height: number, options: CannyOptions = {}): Uint8Array {
  const { sigma = 1, lowThreshold = 0.1, highThreshold = 0.2, valid } = options;
  if (gray.length !== width * height) throw new RangeError(`canny: expected ${width * height} grey values but received ${gray.length}`);
  if (valid && valid.length !== gray.length) throw new RangeError(`canny: expected ${gray.length} valid flags but received ${valid.length}`);
  if (!(highThreshold >= lowThreshold)) throw new RangeError('canny: the low threshold must not exceed the high one');

  const smoothed = smoothIgnoringInvalid(gray, width, height, sigma, valid);
  const isobel = correlateAlong(correlateAlong(smoothed, width, height, 'columns', derivative, 'reflect'), width, height, 'rows', smoothing, 'reflect');
  const jsobel = correlateAlong(correlateAlong(smoothed, width, height, 'rows', derivative, 'reflect'), width, height, 'columns', smoothing, 'reflect');
  const magnitude = new Float64Array(gray.length);
  for (let i = 0; i < magnitude.length; i++) magnitude[i] = glibcHypot(isobel[i], jsobel[i]);

  const maxima = localMaxima(isobel, jsobel, magnitude, erodedValid(width, height, valid), width, height);
  return hysteresis(maxima, magnitude, lowThreshold, highThreshold, width, height);
}

function smoothIgnoringInvalid(gray: Float64Array, width: number, height: number, sigma: number, valid: Uint8Array | undefined): Float64Array {
  const masked = new Float64Array(gray.length);
  const weight = new Float64Array(gray.length);
  for (let i = 0; i < gray.length; i++) {
    const known = valid ? valid[i] !== 0 : true;
    masked[i] = known ? gray[i] : 0;
    weight[i] = known ? 1 : 0;
  }
  const smoothed = gaussianFilter(masked, width, height, sigma);
  const bleed = gaussianFilter(weight, width, height, sigma);
  for (let i = 0; i < smoothed.length; i++) smoothed[i] /= bleed[i] + Number.EPSILON;
  return smoothed;
}

/** Valid pixels whose eight neighbours are all valid and inside the image. */
function erodedValid(width: number, height: number, valid: Uint8Array | undefined): Uint8Array {
  const eroded = new Uint8Array(width * height);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      let all = 1;
      if (valid) {
        for (let dy = -1; dy <= 1 && all; dy++) for (let dx = -1; dx <= 1; dx++) if (!valid[(y + dy) * width + x + dx]) all = 0;
      }
      eroded[y * width + x] = all;
    }
  }
  return eroded;
}

/**
 * The reference's four direction classes, each comparing the pixel with the gradient-weighted
 * mix of two neighbours on either side; a pixel in several classes (a gradient on a class
 * boundary) takes the verdict of the last, as the reference's successive assignments leave it.
 */
function localMaxima(
  isobel: Float64Array,
  jsobel: Float64Array,
  magnitude: Float64Array,
  eroded: Uint8Array,
  width: number,
  height: number,
): Uint8Array {
  const maxima = new Uint8Array(magnitude.length);
  const at = (y: number, x: number): number => magnitude[y * width + x];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const m = magnitude[p];
      if (!eroded[p] || !(m > 0)) continue;
      const gi = isobel[p], gj = jsobel[p];
      const ai = Math.abs(gi), aj = Math.abs(gj);
      const horizontal = ai >= aj, vertical = ai <= aj;
      const rising = (gi >= 0 && gj >= 0) || (gi <= 0 && gj <= 0);
      const falling = (gi <= 0 && gj >= 0) || (gi >= 0 && gj <= 0);
      let verdict: boolean | undefined;
      if (rising && horizontal) {
        const w = aj / ai;
        verdict = at(y + 1, x + 1) * w + at(y + 1, x) * (1 - w) <= m && at(y - 1, x - 1) * w + at(y - 1, x) * (1 - w) <= m;
      }
      if (rising && vertical) {
        const w = ai / aj;
        verdict = at(y + 1, x + 1) * w + at(y, x + 1) * (1 - w) <= m && at(y - 1, x - 1) * w + at(y, x - 1) * (1 - w) <= m;
      }
      if (falling && vertical) {
        const w = ai / aj;
        verdict = at(y - 1, x + 1) * w + at(y, x + 1) * (1 - w) <= m && at(y + 1, x - 1) * w + at(y, x - 1) * (1 - w) <= m;
      }
      if (falling && horizontal) {
        const w = aj / ai;
        verdict = at(y - 1, x + 1) * w + at(y - 1, x) * (1 - w) <= m && at(y + 1, x - 1) * w + at(y + 1, x) * (1 - w) <= m;
      }
      maxima[p] = verdict ? 1 : 0;
    }
  }
  return maxima;
}

/** Keeps each 8-connected run of maxima at least `low` that holds one at least `high`. */
function hysteresis(maxima: Uint8Array, magnitude: Float64Array, low: number, high: number, width: number, height: number): Uint8Array {
  const edges = new Uint8Array(maxima.length);
  const stack: number[] = [];
  for (let p = 0; p < maxima.length; p++) {
    if (!maxima[p] || edges[p] || !(magnitude[p] >= high)) continue;
    edges[p] = 1;
    stack.push(p);
    while (stack.length > 0) {
      const q = stack.pop()!;
      const qy = Math.floor(q / width), qx = q - qy * width;
      for (let y = Math.max(0, qy - 1); y <= Math.min(height - 1, qy + 1); y++) {
        for (let x = Math.max(0, qx - 1); x <= Math.min(width - 1, qx + 1); x++) {
          const r = y * width + x;
          if (maxima[r] && !edges[r] && magnitude[r] >= low) {
            edges[r] = 1;
            stack.push(r);
          }
        }
      }
    }
  }
  return edges;
}
