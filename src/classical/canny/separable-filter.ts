/**
 * One-dimensional correlations along the rows or the columns of a float64 plane, summed in the
 * order SciPy's `ndimage.correlate1d` sums a symmetric or antisymmetric odd kernel (the centre
 * tap, then the pairs from the outermost in), so that results agree with it to the bit.
 */

/** How values beyond the plane's edge are made: zeros, or mirrored (`d c b a | a b c d`). */
export type BorderMode = 'constant' | 'reflect';

/** A kernel given by its centre and one side: taps[0] is the centre, taps[k] the taps at ±k. */
export interface SymmetricKernel {
  readonly taps: readonly number[];
  /** +1: the tap at -k equals the one at +k; -1: it is its negation (taps[k] is the tap at -k). */
  readonly symmetry: 1 | -1;
}

export function correlateAlong(
  plane: Float64Array,
  width: number,
  height: number,
  axis: 'rows' | 'columns',
  kernel: SymmetricKernel,
  mode: BorderMode,
): Float64Array {
  const out = new Float64Array(plane.length);
  const length = axis === 'rows' ? width : height;
  const lines = axis === 'rows' ? height : width;
  const stride = axis === 'rows' ? 1 : width;
  const lineStep = axis === 'rows' ? width : 1;
  const radius = kernel.taps.length - 1;
  const padded = new Float64Array(length + 2 * radius);
  for (let line = 0; line < lines; line++) {
    const start = line * lineStep;
    for (let k = 0; k < padded.length; k++) padded[k] = valueAt(plane, start, stride, length, k - radius, mode);
    for (let n = 0; n < length; n++) {
      const centre = n + radius;
      let sum = padded[centre] * kernel.taps[0];
      for (let k = radius; k >= 1; k--) {
        const pair = kernel.symmetry > 0 ? padded[centre - k] + padded[centre + k] : padded[centre - k] - padded[centre + k];
        sum += pair * kernel.taps[k];
      }
      out[start + n * stride] = sum;
    }
  }
  return out;
}

function valueAt(plane: Float64Array, start: number, stride: number, length: number, n: number, mode: BorderMode): number {
  if (n >= 0 && n < length) return plane[start + n * stride];
  if (mode === 'constant') return 0;
  // Half-sample mirror, repeated for kernels longer than the line.
  const period = 2 * length;
  let m = ((n % period) + period) % period;
  if (m >= length) m = period - 1 - m;
  return plane[start + m * stride];
}

/**
 * SciPy's `gaussian_filter` (truncate 4, zeros beyond the edge): the sampled Gaussian normalised
 * to sum 1, along the columns and then along the rows.
 */
export function gaussianFilter(plane: Float64Array, width: number, height: number, sigma: number): Float64Array {
  const kernel = gaussianKernel(sigma);
  return correlateAlong(correlateAlong(plane, width, height, 'columns', kernel, 'constant'), width, height, 'rows', kernel, 'constant');
}

function gaussianKernel(sigma: number): SymmetricKernel {
  const radius = Math.trunc(4 * sigma + 0.5);
  const weights: number[] = [];
  for (let x = -radius; x <= radius; x++) weights.push(Math.exp((-0.5 / (sigma * sigma)) * (x * x)));
  const total = pairwiseSum(weights);
  const taps = weights.slice(radius).map((w) => w / total);
  return { taps, symmetry: 1 };
}

/** NumPy's `sum` of a short float64 array: eight running sums, combined pairwise, then the rest. */
function pairwiseSum(values: readonly number[]): number {
  if (values.length < 8) return values.reduce((a, b) => a + b, 0);
  const r = values.slice(0, 8);
  let i = 8;
  for (; i + 8 <= values.length; i += 8) for (let k = 0; k < 8; k++) r[k] += values[i + k];
  let sum = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
  for (; i < values.length; i++) sum += values[i];
  return sum;
}
