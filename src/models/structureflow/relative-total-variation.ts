/**
 * Structure extraction by relative total variation (Xu, Yan, Xia, Jia, SIGGRAPH Asia 2012), as
 * StructureFlow's MATLAB `tsmooth` computes it (RenYurui/StructureFlow,
 * scripts/matlab/code/tsmooth.m) with the mask-aware texture weights its authors give for
 * smoothing a damaged image (issues #17 and #27: the image's gradients inside the hole are
 * zeroed before the weights are taken). Called as the authors say for a test image:
 * `tsmooth(I_in, 0.015, 3, 0.001, 3, mask)` with I_in = I_gt·(1−mask).
 *
 * Each iteration solves (1 + λL_w) x = I per channel, L_w the weighted Laplacian of the 4-grid:
 * the linear system `solveLinearEquation` builds with spdiags. In GNU Octave `tsmooth` solves it
 * exactly (`A\b`, ichol being no builtin there; MATLAB's pcg with tolerance 0.1 only
 * approximates it); here a sparse Cholesky factorisation in float64 does the same, in the native
 * addon (src/native/grid_laplacian_solve.cc), once per iteration for every channel.
 */
import { correlateAlong, type SymmetricKernel } from '../../classical/canny/separable-filter.js';
import { loadNative } from '../../torch/index.js';

export interface RtvOptions {
  /** Smoothness weight λ (halved inside, as tsmooth does). @default 0.015 */
  lambda?: number;
  /** Texture scale σ of the first iteration, halved each iteration down to 0.5. @default 3 */
  sigma?: number;
  /** ε_s, the floor of the gradient magnitude. @default 0.001 */
  sharpness?: number;
  /** @default 3 */
  iterations?: number;
}

/** Planar float64 channels, `planes[c][y * width + x]`. */
export interface Planes {
  readonly width: number;
  readonly height: number;
  readonly planes: Float64Array[];
}

/**
 * `tsmooth(I, lambda, sigma, sharpness, maxIter, mask)`: I in [0,1] (im2double of the 8-bit
 * image), mask 1 = hole (any value > 0 counts), one byte a pixel.
 */
export function relativeTotalVariation(image: Planes, mask: Uint8Array, options: RtvOptions = {}): Planes {
  const lambda = (options.lambda ?? 0.015) / 2;
  let sigma = options.sigma ?? 3;
  const sharpness = options.sharpness ?? 0.001;
  const iterations = options.iterations ?? 3;
  let x = image.planes;
  for (let i = 0; i < iterations; i++) {
    const weights = textureWeights({ ...image, planes: x }, mask, sigma, sharpness);
    x = loadNative().gridLaplacianSolve(weights.right, weights.down, image.width, image.height, lambda, image.planes);
    sigma = Math.max(sigma / 2, 0.5);
  }
  return { ...image, planes: x };
}

interface EdgeWeights {
  /** Weight of the edge from (y,x) to (y,x+1); 0 on the last column. */
  readonly right: Float64Array;
  /** Weight of the edge from (y,x) to (y+1,x); 0 on the last row. */
  readonly down: Float64Array;
}

/** `computeTextureWeights(fin, mask, sigma, sharpness)` of tsmooth.m, with the hole's gradients zeroed. */
function textureWeights({ width, height, planes }: Planes, mask: Uint8Array, sigma: number, sharpness: number): EdgeWeights {
  const n = width * height;
  const channels = planes.length;
  const magnitude = new Float64Array(n);
  const blurredX = new Float64Array(n);
  const blurredY = new Float64Array(n);
  const kernel = matlabGaussian(sigma);
  for (const plane of planes) {
    const blurred = correlateAlong(correlateAlong(plane, width, height, 'rows', kernel, 'constant'), width, height, 'columns', kernel, 'constant');
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const p = y * width + x;
        const known = mask[p] > 0 ? 0 : 1;
        const fx = x < width - 1 ? (plane[p + 1] - plane[p]) * known : 0;
        const fy = y < height - 1 ? (plane[p + width] - plane[p]) * known : 0;
        magnitude[p] += Math.sqrt(fx * fx + fy * fy);
        blurredX[p] += x < width - 1 ? Math.abs(blurred[p + 1] - blurred[p]) : 0;
        blurredY[p] += y < height - 1 ? Math.abs(blurred[p + width] - blurred[p]) : 0;
      }
    }
  }
  const right = new Float64Array(n);
  const down = new Float64Array(n);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const overall = 1 / Math.max(magnitude[p] / channels, sharpness);
      right[p] = x < width - 1 ? overall / Math.max(blurredX[p] / channels, 0.001) : 0;
      down[p] = y < height - 1 ? overall / Math.max(blurredY[p] / channels, 0.001) : 0;
    }
  }
  return { right, down };
}

/** fspecial('gaussian', [1, k], sigma) with k = bitor(round(5 sigma), 1), as tsmooth's conv2_sep. */
function matlabGaussian(sigma: number): SymmetricKernel {
  const size = Math.round(5 * sigma) | 1;
  const radius = (size - 1) / 2;
  const taps = Array.from({ length: radius + 1 }, (_, k) => Math.exp(-(k * k) / (2 * sigma * sigma)));
  const floor = Number.EPSILON * taps[0];
  const kept = taps.map((t) => (t < floor ? 0 : t));
  const sum = kept[0] + 2 * kept.slice(1).reduce((a, b) => a + b, 0);
  return { taps: kept.map((t) => t / sum), symmetry: 1 };
}
