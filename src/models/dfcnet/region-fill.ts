/**
 * The official utils/region_fill.py `regionfill` (factor 1), DFC-Net's initial hole filling:
 * every hole pixel (mask > 0) becomes the mean of its 4-neighbours inside the image, known pixels
 * fixed, i.e. the exact solution of that sparse linear system (the official code calls spsolve).
 * Solved here by conjugate gradients, preconditioned by the diagonal, to a residual far below
 * float32 precision. `values` is one channel, `hole` 1 where unknown; filled in place.
 */
export function regionFill(values: Float64Array, width: number, height: number, hole: Uint8Array): void {
  const unknown: number[] = [];
  const slot = new Int32Array(width * height).fill(-1);
  for (let i = 0; i < hole.length; i++) {
    if (hole[i]) {
      slot[i] = unknown.length;
      unknown.push(i);
    }
  }
  const n = unknown.length;
  if (n === 0) return;
  if (n === width * height) {
    // Nothing known to fill from (the official solve is singular then): no motion.
    values.fill(0);
    return;
  }
  const neighbours = (i: number): number[] => {
    const x = i % width, y = (i - x) / width;
    const out: number[] = [];
    if (y > 0) out.push(i - width);
    if (x < width - 1) out.push(i + 1);
    if (y < height - 1) out.push(i + width);
    if (x > 0) out.push(i - 1);
    return out;
  };
  // A x = b with A = diag(neighbour count) - adjacency among unknowns, b = sum of known neighbours.
  const diagonal = new Float64Array(n), b = new Float64Array(n);
  const links: Int32Array[] = [];
  for (let k = 0; k < n; k++) {
    const around = neighbours(unknown[k]);
    diagonal[k] = around.length;
    const inner: number[] = [];
    for (const j of around) {
      if (slot[j] >= 0) inner.push(slot[j]);
      else b[k] += values[j];
    }
    links.push(Int32Array.from(inner));
  }
  const apply = (v: Float64Array, out: Float64Array) => {
    for (let k = 0; k < n; k++) {
      let sum = diagonal[k] * v[k];
      for (const j of links[k]) sum -= v[j];
      out[k] = sum;
    }
  };
  const x = new Float64Array(n), r = Float64Array.from(b), z = new Float64Array(n), p = new Float64Array(n), q = new Float64Array(n);
  for (let k = 0; k < n; k++) p[k] = z[k] = r[k] / diagonal[k];
  let rz = dot(r, z);
  const tolerance = 1e-24 * Math.max(dot(b, b), 1e-30);
  for (let iteration = 0; iteration < 10 * n && dot(r, r) > tolerance; iteration++) {
    apply(p, q);
    const alpha = rz / dot(p, q);
    for (let k = 0; k < n; k++) {
      x[k] += alpha * p[k];
      r[k] -= alpha * q[k];
      z[k] = r[k] / diagonal[k];
    }
    const next = dot(r, z);
    const beta = next / rz;
    rz = next;
    for (let k = 0; k < n; k++) p[k] = z[k] + beta * p[k];
  }
  for (let k = 0; k < n; k++) values[unknown[k]] = x[k];
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += a[k] * b[k];
  return sum;
}
