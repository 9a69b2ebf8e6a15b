import { sampleBilinear, type FlowField } from './flow-field.js';
import { gradients, type GrayPlane } from './gray-pyramid.js';

/**
 * Smoothness weight (alpha squared, in squared 8-bit intensity units): how much a pixel's flow
 * follows its neighbours' where its own brightness says little (flat areas, along edges).
 */
const smoothness = 100;

/**
 * Refines `flow` in place by Horn-Schunck on the increment: brightness constancy linearised
 * around the current flow, plus a membrane smoothness term, solved by Gauss-Seidel sweeps.
 * It fills in what the patch search could not resolve (flat regions, the aperture problem)
 * and removes the blockiness of patch averaging.
 */
export function refineFlow(i0: GrayPlane, i1: GrayPlane, flow: FlowField, sweeps: number): void {
  const { width: w, height: h } = i0;
  const n = w * h;
  const warped = new Float32Array(n);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      warped[i] = sampleBilinear(i1.data, w, h, x + flow.data[2 * i], y + flow.data[2 * i + 1]);
    }
  }
  // Gradients averaged over both frames, as is usual for the linearisation to be symmetric.
  const g0 = gradients(i0), g1 = gradients({ width: w, height: h, data: warped });
  const ix = new Float32Array(n), iy = new Float32Array(n), it = new Float32Array(n), norm = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    ix[i] = 0.5 * (g0.gx[i] + g1.gx[i]);
    iy[i] = 0.5 * (g0.gy[i] + g1.gy[i]);
    it[i] = warped[i] - i0.data[i];
    norm[i] = 1 / (smoothness + ix[i] * ix[i] + iy[i] * iy[i]);
  }
  const base = flow.data.slice();
  const f = flow.data;
  for (let s = 0; s < sweeps; s++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        let su = 0, sv = 0, k = 0;
        if (x > 0) { su += f[2 * i - 2]; sv += f[2 * i - 1]; k++; }
        if (x < w - 1) { su += f[2 * i + 2]; sv += f[2 * i + 3]; k++; }
        if (y > 0) { su += f[2 * (i - w)]; sv += f[2 * (i - w) + 1]; k++; }
        if (y < h - 1) { su += f[2 * (i + w)]; sv += f[2 * (i + w) + 1]; k++; }
        // Increments the neighbours' average asks for, then pulled back onto brightness constancy.
        const du = su / k - base[2 * i], dv = sv / k - base[2 * i + 1];
        const t = (it[i] + ix[i] * du + iy[i] * dv) * norm[i];
        f[2 * i] = base[2 * i] + du - ix[i] * t;
        f[2 * i + 1] = base[2 * i + 1] + dv - iy[i] * t;
      }
    }
  }
}
