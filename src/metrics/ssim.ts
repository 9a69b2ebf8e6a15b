import { InvalidInputError } from '../core/errors.js';
import type { Image } from '../core/image.js';
import { assertComparable } from './same-size.js';

// Wang et al. 2004 as scikit-image computes it with gaussian_weights=True, sigma=1.5,
// use_sample_covariance=False: an 11-tap Gaussian (truncated at 3.5 sigma) of population moments.
const SIGMA = 1.5;
const RADIUS = Math.trunc(3.5 * SIGMA + 0.5);
const WINDOW = 2 * RADIUS + 1;
const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;

/** Half of the normalised kernel, centre first: `WEIGHTS[j]` weighs the pixels at distance j. */
const WEIGHTS = (() => {
  const full = new Float64Array(WINDOW);
  let sum = 0;
  for (let i = 0; i < WINDOW; i++) {
    const x = i - RADIUS;
    full[i] = Math.exp((-0.5 / (SIGMA * SIGMA)) * x * x);
    sum += full[i];
  }
  return full.subarray(RADIUS).map((w) => w / sum);
})();

/**
 * Mean structural similarity of two RGB images (values 0..255), per channel then averaged.
 * Like the reference, only pixels at least the filter radius from the border count, so every
 * window lies inside the image and no border rule is involved. Float64 throughout.
 */
export function ssim(output: Image, groundTruth: Image): number {
  assertComparable(output, groundTruth);
  const { width, height } = groundTruth;
  if (width < WINDOW || height < WINDOW) {
    throw new InvalidInputError('image for SSIM', `at least ${WINDOW}x${WINDOW} pixels`, `${width}x${height}`);
  }
  const moments = new VerticalMoments(width, height - 2 * RADIUS);
  let total = 0;
  for (let c = 0; c < 3; c++) {
    moments.filter(groundTruth.rgb, output.rgb, c);
    total += moments.meanSsim();
  }
  return total / 3;
}

/**
 * The five local moments (means of x, y, x², y², xy) after the vertical Gaussian pass, for the rows
 * whose windows fit in the image; `meanSsim` runs the horizontal pass and averages the SSIM map.
 */
class VerticalMoments {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly xx: Float64Array;
  readonly yy: Float64Array;
  readonly xy: Float64Array;

  constructor(readonly width: number, readonly rows: number) {
    const n = width * rows;
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    this.xx = new Float64Array(n);
    this.yy = new Float64Array(n);
    this.xy = new Float64Array(n);
  }

  /** Vertical pass over channel `c` of interleaved RGB `a` (the x image) and `b` (the y image). */
  filter(a: Uint8Array, b: Uint8Array, c: number): void {
    const { width, rows } = this;
    const stride = width * 3;
    const w0 = WEIGHTS[0];
    for (let r = 0; r < rows; r++) {
      for (let col = 0; col < width; col++) {
        const centre = ((r + RADIUS) * width + col) * 3 + c;
        const va = a[centre], vb = b[centre];
        let sx = va * w0, sy = vb * w0, sxx = va * va * w0, syy = vb * vb * w0, sxy = va * vb * w0;
        // Farthest taps first, each pair summed before weighting: SciPy's order, for closer agreement.
        for (let j = RADIUS; j >= 1; j--) {
          const up = centre - j * stride, down = centre + j * stride;
          const wj = WEIGHTS[j];
          const au = a[up], ad = a[down], bu = b[up], bd = b[down];
          sx += (au + ad) * wj;
          sy += (bu + bd) * wj;
          sxx += (au * au + ad * ad) * wj;
          syy += (bu * bu + bd * bd) * wj;
          sxy += (au * bu + ad * bd) * wj;
        }
        const o = r * width + col;
        this.x[o] = sx;
        this.y[o] = sy;
        this.xx[o] = sxx;
        this.yy[o] = syy;
        this.xy[o] = sxy;
      }
    }
  }

  meanSsim(): number {
    const { width, rows, x, y, xx, yy, xy } = this;
    const w0 = WEIGHTS[0];
    let sum = 0;
    for (let r = 0; r < rows; r++) {
      const row = r * width;
      for (let col = RADIUS; col < width - RADIUS; col++) {
        const i = row + col;
        let ux = x[i] * w0, uy = y[i] * w0, uxx = xx[i] * w0, uyy = yy[i] * w0, uxy = xy[i] * w0;
        for (let j = RADIUS; j >= 1; j--) {
          const wj = WEIGHTS[j];
          ux += (x[i - j] + x[i + j]) * wj;
          uy += (y[i - j] + y[i + j]) * wj;
          uxx += (xx[i - j] + xx[i + j]) * wj;
          uyy += (yy[i - j] + yy[i + j]) * wj;
          uxy += (xy[i - j] + xy[i + j]) * wj;
        }
        const vx = uxx - ux * ux, vy = uyy - uy * uy, vxy = uxy - ux * uy;
        const a1 = 2 * ux * uy + C1, a2 = 2 * vxy + C2;
        const b1 = ux * ux + uy * uy + C1, b2 = vx + vy + C2;
        sum += (a1 * a2) / (b1 * b2);
      }
    }
    return sum / (rows * (width - 2 * RADIUS));
  }
}
