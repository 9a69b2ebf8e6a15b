/**
 * Poisson image blending (Pérez, Gangnet, Blake 2003, "Poisson Image Editing") of a filled hole
 * into its surroundings: the hole's pixels are solved so that their discrete Laplacian follows a
 * guidance field, with the known pixels around the hole as fixed boundary values, so the fill keeps
 * its texture but meets the known pixels without a seam. The field is the one OpenCV's
 * seamlessClone (NORMAL_CLONE) blends: forward differences of `source` at pixels deep inside the
 * hole (the hole eroded by `erosion` 3x3 steps), of `destination` elsewhere, so a ring along the
 * hole's edge follows `destination` (a smooth fill) rather than the source's edge.
 *
 * Each channel is solved by conjugate gradients on the hole's pixels (the Laplacian with the known
 * neighbours moved to the right-hand side is symmetric positive definite when every part of the
 * hole touches a known pixel), starting from `destination`.
 */
import { InvalidOptionError, MaskCoversEverythingError } from '../../core/errors.js';
import { assertSameSize, clampByte, createImage, holeCount, type Image, type Mask } from '../../core/image.js';

export interface PoissonBlendOptions {
  /** 3x3 erosions of the hole that give where `source`'s gradients guide (OpenCV seamlessClone: 3). @default 3 */
  readonly erosion?: number;
  /** Stop when the residual's largest value is below this, in 8-bit levels. @default 1e-2 */
  readonly tolerance?: number;
}

/** The hole of `destination` re-solved with `source`'s gradients inside; known pixels are destination's. */
export function poissonBlend(source: Image, destination: Image, hole: Mask, options: PoissonBlendOptions = {}): Image {
  const erosion = options.erosion ?? 3;
  if (!Number.isInteger(erosion) || erosion < 0) throw new InvalidOptionError('erosion', 'a whole number, 0 or more', erosion);
  assertSameSize(source, hole);
  assertSameSize(destination, hole);
  const { width, height } = hole;
  if (holeCount(hole) === width * height) throw new MaskCoversEverythingError(width, height);
  const inner = erode(hole, erosion);
  const unknowns: number[] = [];
  const index = new Int32Array(width * height).fill(-1);
  hole.data.forEach((value, pixel) => {
    if (value !== 0) index[pixel] = unknowns.push(pixel) - 1;
  });
  // Each unknown's in-image neighbours: their pixel, and their unknown's index or -1 when known.
  const neighbourPixels = new Int32Array(unknowns.length * 4).fill(-1);
  const neighbourUnknowns = new Int32Array(unknowns.length * 4).fill(-1);
  unknowns.forEach((pixel, i) => {
    const x = pixel % width, y = (pixel - x) / width;
    const candidates = [x + 1 < width ? pixel + 1 : -1, x > 0 ? pixel - 1 : -1, y + 1 < height ? pixel + width : -1, y > 0 ? pixel - width : -1];
    candidates.forEach((q, k) => {
      neighbourPixels[i * 4 + k] = q;
      if (q >= 0) neighbourUnknowns[i * 4 + k] = index[q];
    });
  });
  const multiply = (x: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < x.length; i++) {
      let product = 0;
      for (let k = i * 4; k < i * 4 + 4; k++) {
        if (neighbourPixels[k] < 0) continue;
        product += x[i];
        if (neighbourUnknowns[k] >= 0) product -= x[neighbourUnknowns[k]];
      }
      out[i] = product;
    }
  };
  const rgb = Uint8Array.from(destination.rgb);
  for (let channel = 0; channel < 3; channel++) {
    const value = (image: Image, pixel: number): number => image.rgb[pixel * 3 + channel];
    // The guidance from `pixel` to a neighbour `q`, f_p - f_q: minus the forward difference of the
    // image chosen at the edge's first pixel (source deep inside the hole, destination elsewhere).
    const guidance = (pixel: number, q: number): number => {
      const [first, second] = q > pixel ? [pixel, q] : [q, pixel];
      const image = inner[first] ? source : destination;
      const forward = value(image, second) - value(image, first);
      return q > pixel ? -forward : forward;
    };
    // sum over neighbours q of (f_p - f_q) = sum of guidance, the known f_q moved to the right.
    const rhs = new Float64Array(unknowns.length);
    unknowns.forEach((pixel, i) => {
      let sum = 0;
      for (let k = i * 4; k < i * 4 + 4; k++) {
        const q = neighbourPixels[k];
        if (q < 0) continue;
        sum += guidance(pixel, q);
        if (neighbourUnknowns[k] < 0) sum += value(destination, q);
      }
      rhs[i] = sum;
    });
    const start = Float64Array.from(unknowns, (pixel) => value(destination, pixel));
    const solution = conjugateGradients(start, rhs, multiply, options.tolerance ?? 1e-2);
    unknowns.forEach((pixel, i) => {
      rgb[pixel * 3 + channel] = clampByte(solution[i]);
    });
  }
  return createImage(width, height, rgb, destination.alpha);
}

/** 1 where every pixel within `steps` (a (2 steps + 1)-square) is hole; outside the image does not erode, as OpenCV's erode. */
function erode(hole: Mask, steps: number): Uint8Array {
  const { width, height, data } = hole;
  const rows = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let all = 1;
      for (let dx = Math.max(0, x - steps); dx <= Math.min(width - 1, x + steps) && all; dx++) all = data[y * width + dx] !== 0 ? 1 : 0;
      rows[y * width + x] = all;
    }
  }
  const result = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let all = 1;
      for (let dy = Math.max(0, y - steps); dy <= Math.min(height - 1, y + steps) && all; dy++) all = rows[dy * width + x];
      result[y * width + x] = all;
    }
  }
  return result;
}

/** Solves A x = b for a symmetric positive definite A given as a product, until max |b - A x| < tolerance. */
function conjugateGradients(x: Float64Array, b: Float64Array, multiply: (x: Float64Array, out: Float64Array) => void, tolerance: number): Float64Array {
  const n = x.length;
  const r = new Float64Array(n), p = new Float64Array(n), ap = new Float64Array(n);
  multiply(x, ap);
  for (let i = 0; i < n; i++) r[i] = b[i] - ap[i];
  p.set(r);
  let rr = dot(r, r);
  for (let iteration = 0; iteration < 10 * n && maxAbs(r) >= tolerance; iteration++) {
    multiply(p, ap);
    const alpha = rr / dot(p, ap);
    for (let i = 0; i < n; i++) {
      x[i] += alpha * p[i];
      r[i] -= alpha * ap[i];
    }
    const next = dot(r, r);
    for (let i = 0; i < n; i++) p[i] = r[i] + (next / rr) * p[i];
    rr = next;
  }
  return x;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function maxAbs(a: Float64Array): number {
  let max = 0;
  for (const value of a) max = Math.max(max, Math.abs(value));
  return max;
}
