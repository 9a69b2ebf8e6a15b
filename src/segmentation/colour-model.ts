/**
 * A Gaussian mixture over RGB colours (0..255), as GrabCut models the object and the background:
 * a few full-covariance components, each with its weight, mean, inverse covariance and the
 * log of its normalising constant.
 */
export interface ColourModel {
  readonly weights: Float64Array;
  /** Component k's mean at [3k, 3k + 3). */
  readonly means: Float64Array;
  /** Component k's inverse covariance, row-major 3x3, at [9k, 9k + 9). */
  readonly inverses: Float64Array;
  /** Component k's log(weight) - log((2 pi)^(3/2) sqrt(det covariance)). */
  readonly logScales: Float64Array;
}

/** Added to each covariance's diagonal: a flat region would otherwise give a singular one. */
const regularisation = 4;

/**
 * Fits a mixture of up to `components` Gaussians to the colours of the pixels listed in `pixels`
 * (indices into `rgb`, 3 bytes a pixel): Orchard-Bouman splitting (the cluster with the widest
 * spread is cut through its mean across its main axis) until there are `components` clusters,
 * then a few rounds of hard assignment to the likeliest component. Deterministic.
 */
export function fitColourModel(rgb: Uint8Array, pixels: Int32Array, components = 5): ColourModel {
  if (pixels.length === 0) throw new RangeError('a colour model needs at least one pixel');
  const label = new Uint8Array(pixels.length);
  let clusters = 1;
  while (clusters < components) {
    const stats = clusterStats(rgb, pixels, label, clusters);
    let widest = -1, spread = 0;
    const axes: Float64Array[] = [];
    for (let k = 0; k < clusters; k++) {
      const { axis, variance } = principalAxis(stats.covariances.subarray(9 * k, 9 * k + 9));
      axes.push(axis);
      if (stats.counts[k] > 1 && variance > spread) {
        spread = variance;
        widest = k;
      }
    }
    if (widest < 0 || spread < 1) break;
    const mean = stats.means.subarray(3 * widest, 3 * widest + 3), axis = axes[widest];
    const threshold = axis[0] * mean[0] + axis[1] * mean[1] + axis[2] * mean[2];
    for (let j = 0; j < pixels.length; j++) {
      if (label[j] !== widest) continue;
      const p = 3 * pixels[j];
      if (axis[0] * rgb[p] + axis[1] * rgb[p + 1] + axis[2] * rgb[p + 2] > threshold) label[j] = clusters;
    }
    clusters++;
  }
  let model = modelOf(clusterStats(rgb, pixels, label, clusters), pixels.length);
  for (let round = 0; round < 2; round++) {
    for (let j = 0; j < pixels.length; j++) {
      const p = 3 * pixels[j];
      label[j] = likeliestComponent(model, rgb[p], rgb[p + 1], rgb[p + 2]);
    }
    model = modelOf(clusterStats(rgb, pixels, label, clusters), pixels.length);
  }
  return model;
}

/** -log of the mixture's density at colour (r, g, b). */
export function colourCost(model: ColourModel, r: number, g: number, b: number): number {
  let sum = 0;
  for (let k = 0; k < model.weights.length; k++) sum += Math.exp(componentLogDensity(model, k, r, g, b));
  // A colour far from every component would give -log(0): cap what one pixel can cost.
  return Math.min(-Math.log(sum + 1e-300), 60);
}

/** -log density of every pixel's colour, one value a pixel. */
export function colourCosts(model: ColourModel, rgb: Uint8Array): Float32Array {
  const n = rgb.length / 3;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = colourCost(model, rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
  return out;
}

function componentLogDensity(model: ColourModel, k: number, r: number, g: number, b: number): number {
  const m = model.means, v = model.inverses;
  const dr = r - m[3 * k], dg = g - m[3 * k + 1], db = b - m[3 * k + 2];
  const o = 9 * k;
  const q =
    dr * (v[o] * dr + v[o + 1] * dg + v[o + 2] * db) +
    dg * (v[o + 3] * dr + v[o + 4] * dg + v[o + 5] * db) +
    db * (v[o + 6] * dr + v[o + 7] * dg + v[o + 8] * db);
  return model.logScales[k] - 0.5 * q;
}

function likeliestComponent(model: ColourModel, r: number, g: number, b: number): number {
  let best = 0, bestValue = -Infinity;
  for (let k = 0; k < model.weights.length; k++) {
    const value = componentLogDensity(model, k, r, g, b);
    if (value > bestValue) {
      bestValue = value;
      best = k;
    }
  }
  return best;
}

interface ClusterStats {
  readonly counts: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array;
}

function clusterStats(rgb: Uint8Array, pixels: Int32Array, label: Uint8Array, clusters: number): ClusterStats {
  const counts = new Float64Array(clusters);
  const sums = new Float64Array(3 * clusters);
  const products = new Float64Array(9 * clusters);
  for (let j = 0; j < pixels.length; j++) {
    const k = label[j], p = 3 * pixels[j];
    const r = rgb[p], g = rgb[p + 1], b = rgb[p + 2];
    counts[k]++;
    sums[3 * k] += r;
    sums[3 * k + 1] += g;
    sums[3 * k + 2] += b;
    const o = 9 * k;
    products[o] += r * r;
    products[o + 1] += r * g;
    products[o + 2] += r * b;
    products[o + 4] += g * g;
    products[o + 5] += g * b;
    products[o + 8] += b * b;
  }
  const means = new Float64Array(3 * clusters);
  const covariances = new Float64Array(9 * clusters);
  for (let k = 0; k < clusters; k++) {
    if (counts[k] === 0) continue;
    const o = 9 * k;
    products[o + 3] = products[o + 1];
    products[o + 6] = products[o + 2];
    products[o + 7] = products[o + 5];
    for (let a = 0; a < 3; a++) means[3 * k + a] = sums[3 * k + a] / counts[k];
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        covariances[9 * k + 3 * a + b] = products[9 * k + 3 * a + b] / counts[k] - means[3 * k + a] * means[3 * k + b];
      }
    }
  }
  return { counts, means, covariances };
}

function modelOf(stats: ClusterStats, total: number): ColourModel {
  const kept = [...stats.counts.keys()].filter((k) => stats.counts[k] > 0);
  const weights = new Float64Array(kept.length);
  const means = new Float64Array(3 * kept.length);
  const inverses = new Float64Array(9 * kept.length);
  const logScales = new Float64Array(kept.length);
  kept.forEach((k, j) => {
    weights[j] = stats.counts[k] / total;
    means.set(stats.means.subarray(3 * k, 3 * k + 3), 3 * j);
    const c = Array.from(stats.covariances.subarray(9 * k, 9 * k + 9));
    c[0] += regularisation;
    c[4] += regularisation;
    c[8] += regularisation;
    const det = c[0] * (c[4] * c[8] - c[5] * c[7]) - c[1] * (c[3] * c[8] - c[5] * c[6]) + c[2] * (c[3] * c[7] - c[4] * c[6]);
    const inv = [
      c[4] * c[8] - c[5] * c[7], c[2] * c[7] - c[1] * c[8], c[1] * c[5] - c[2] * c[4],
      c[5] * c[6] - c[3] * c[8], c[0] * c[8] - c[2] * c[6], c[2] * c[3] - c[0] * c[5],
      c[3] * c[7] - c[4] * c[6], c[1] * c[6] - c[0] * c[7], c[0] * c[4] - c[1] * c[3],
    ];
    for (let a = 0; a < 9; a++) inverses[9 * j + a] = inv[a] / det;
    logScales[j] = Math.log(weights[j]) - 1.5 * Math.log(2 * Math.PI) - 0.5 * Math.log(det);
  });
  return { weights, means, inverses, logScales };
}

/** Main eigenvector and eigenvalue of a symmetric 3x3 matrix, by power iteration. */
function principalAxis(c: Float64Array): { axis: Float64Array; variance: number } {
  let v = [1, 1, 1];
  let norm = 0;
  for (let it = 0; it < 30; it++) {
    const w = [
      c[0] * v[0] + c[1] * v[1] + c[2] * v[2],
      c[3] * v[0] + c[4] * v[1] + c[5] * v[2],
      c[6] * v[0] + c[7] * v[1] + c[8] * v[2],
    ];
    norm = Math.hypot(w[0], w[1], w[2]);
    if (norm === 0) return { axis: Float64Array.of(1, 0, 0), variance: 0 };
    v = [w[0] / norm, w[1] / norm, w[2] / norm];
  }
  return { axis: Float64Array.from(v), variance: norm };
}
