import { createFlowField, resizeFlow, type FlowField } from './flow-field.js';
import { buildPyramid, gradients, type GrayPlane } from './gray-pyramid.js';
import { refineFlow } from './variational-refinement.js';

export interface DisFlowOptions {
  /** Side of the square patches matched by inverse search. @default 8 */
  readonly patchSize?: number;
  /** Distance between neighbouring patches: smaller is denser and slower. @default 4 */
  readonly patchStride?: number;
  /** Gauss-Newton steps of each patch's inverse search. @default 16 */
  readonly iterations?: number;
  /** Finest pyramid level computed (0 = full size); finer levels take the upsampled flow. @default 0 */
  readonly finestLevel?: number;
  /** Variational refinement sweeps at each level; 0 turns it off. @default 5 */
  readonly refinementIterations?: number;
}

const defaults: Required<DisFlowOptions> = {
  patchSize: 8,
  patchStride: 4,
  iterations: 16,
  finestLevel: 0,
  refinementIterations: 5,
};

/**
 * Dense optical flow from `from` to `to` by DIS (Kroeger et al. 2016, "Fast Optical Flow using
 * Dense Inverse Search"): coarse to fine over an image pyramid, a grid of overlapping patches each
 * finds its displacement by inverse-compositional Gauss-Newton on mean-normalised intensities,
 * the patches are blended into a dense field weighted by how well each explains a pixel, and a
 * variational pass smooths what the patches left.
 */
export function disFlow(from: GrayPlane, to: GrayPlane, options: DisFlowOptions = {}): FlowField {
  if (from.width !== to.width || from.height !== to.height) {
    throw new RangeError(`flow needs two frames of one size, not ${from.width}x${from.height} and ${to.width}x${to.height}`);
  }
  const o = { ...defaults, ...options };
  const minSide = 2 * o.patchSize;
  const pyramid0 = buildPyramid(from, minSide);
  const pyramid1 = buildPyramid(to, minSide);
  const finest = Math.min(o.finestLevel, pyramid0.length - 1);

  let flow: FlowField | undefined;
  for (let level = pyramid0.length - 1; level >= finest; level--) {
    const i0 = pyramid0[level], i1 = pyramid1[level];
    const start = flow ? resizeFlow(flow, i0.width, i0.height) : createFlowField(i0.width, i0.height);
    flow = densify(i0, i1, inverseSearch(i0, i1, start, o), o.patchSize);
    if (o.refinementIterations > 0) refineFlow(i0, i1, flow, o.refinementIterations);
  }
  return flow!.width === from.width ? flow! : resizeFlow(flow!, from.width, from.height);
}

/** Patch grid along one axis: every `stride` pixels, plus a last patch flush with the far edge. */
function patchStarts(size: number, patchSize: number, stride: number): Int32Array {
  const last = Math.max(0, size - patchSize);
  const starts: number[] = [];
  for (let s = 0; s < last; s += stride) starts.push(s);
  starts.push(last);
  return Int32Array.from(starts);
}

interface PatchFlows {
  readonly xs: Int32Array;
  readonly ys: Int32Array;
  /** (u, v) of patch (ix, iy) at `2 * (iy * xs.length + ix)`. */
  readonly uv: Float32Array;
}

function inverseSearch(i0: GrayPlane, i1: GrayPlane, start: FlowField, o: Required<DisFlowOptions>): PatchFlows {
  const { width: w, height: h } = i0;
  const ps = Math.min(o.patchSize, w, h);
  const n = ps * ps;
  const xs = patchStarts(w, ps, o.patchStride), ys = patchStarts(h, ps, o.patchStride);
  const uv = new Float32Array(xs.length * ys.length * 2);
  const { gx, gy } = gradients(i0);
  const a = i0.data;
  const template = new Float32Array(n), tgx = new Float32Array(n), tgy = new Float32Array(n);
  const warped = new Float32Array(n);

  for (let iy = 0; iy < ys.length; iy++) {
    for (let ix = 0; ix < xs.length; ix++) {
      const px = xs[ix], py = ys[iy];
      // Template: the patch of the first frame and its mean-removed gradients.
      let meanT = 0, meanGx = 0, meanGy = 0;
      for (let dy = 0, k = 0; dy < ps; dy++) {
        for (let dx = 0; dx < ps; dx++, k++) {
          const i = (py + dy) * w + px + dx;
          template[k] = a[i];
          tgx[k] = gx[i];
          tgy[k] = gy[i];
          meanT += a[i];
          meanGx += gx[i];
          meanGy += gy[i];
        }
      }
      meanT /= n; meanGx /= n; meanGy /= n;
      let hxx = 0, hxy = 0, hyy = 0;
      for (let k = 0; k < n; k++) {
        tgx[k] -= meanGx;
        tgy[k] -= meanGy;
        hxx += tgx[k] * tgx[k];
        hxy += tgx[k] * tgy[k];
        hyy += tgy[k] * tgy[k];
      }
      // A small ridge keeps flat or one-directional patches (the aperture problem) from jumping.
      const ridge = 1e-2 * n + 1e-3 * (hxx + hyy);
      hxx += ridge; hyy += ridge;
      const det = hxx * hyy - hxy * hxy;

      const centre = 2 * ((py + (ps >> 1)) * w + px + (ps >> 1));
      const u0 = start.data[centre], v0 = start.data[centre + 1];
      let u = u0, v = v0;
      for (let it = 0; it < o.iterations; it++) {
        // Residual of the warped second frame against the template, mean-normalised.
        const shift = warpPatch(i1, px, py, ps, u, v, warped) / n - meanT;
        let bx = 0, by = 0;
        for (let k = 0; k < n; k++) {
          const d = warped[k] - template[k] - shift;
          bx += tgx[k] * d;
          by += tgy[k] * d;
        }
        const du = (hyy * bx - hxy * by) / det;
        const dv = (hxx * by - hxy * bx) / det;
        u -= du;
        v -= dv;
        if (du * du + dv * dv < 1e-4) break;
      }
      // A patch that wandered further than its own size has locked onto something else.
      if ((u - u0) * (u - u0) + (v - v0) * (v - v0) > ps * ps) {
        u = u0;
        v = v0;
      }
      const o2 = 2 * (iy * xs.length + ix);
      uv[o2] = u;
      uv[o2 + 1] = v;
    }
  }
  return { xs, ys, uv };
}

/**
 * Samples `plane` (bilinear, clamped to its edges) at the `size` x `size` patch at (px, py)
 * displaced by (u, v), row by row into `out`; returns the sum of the samples.
 */
function warpPatch(plane: GrayPlane, px: number, py: number, size: number, u: number, v: number, out: Float32Array): number {
  const { width: w, data: b } = plane;
  const maxX = w - 1, maxY = plane.height - 1;
  let sum = 0;
  for (let dy = 0, k = 0; dy < size; dy++) {
    let sy = py + dy + v;
    sy = sy < 0 ? 0 : sy > maxY ? maxY : sy;
    const y0 = Math.min(sy | 0, maxY - 1 < 0 ? 0 : maxY - 1), fy = sy - y0;
    const y1 = y0 + 1 > maxY ? maxY : y0 + 1;
    for (let dx = 0; dx < size; dx++, k++) {
      let sx = px + dx + u;
      sx = sx < 0 ? 0 : sx > maxX ? maxX : sx;
      const x0 = Math.min(sx | 0, maxX - 1 < 0 ? 0 : maxX - 1), fx = sx - x0;
      const x1 = x0 + 1 > maxX ? maxX : x0 + 1;
      const p = b[y0 * w + x0], q = b[y0 * w + x1], r = b[y1 * w + x0], s = b[y1 * w + x1];
      const value = (p + (q - p) * fx) * (1 - fy) + (r + (s - r) * fx) * fy;
      out[k] = value;
      sum += value;
    }
  }
  return sum;
}

/**
 * Each pixel's flow is the average of the flows of the patches covering it, each weighted by
 * 1 / max(1, |mean-normalised warp error|) at that pixel under that patch's flow.
 */
function densify(i0: GrayPlane, i1: GrayPlane, patches: PatchFlows, patchSize: number): FlowField {
  const { width: w, height: h } = i0;
  const ps = Math.min(patchSize, w, h);
  const residual = new Float32Array(ps * ps);
  const n = ps * ps;
  const sumU = new Float32Array(w * h), sumV = new Float32Array(w * h), sumW = new Float32Array(w * h);
  const a = i0.data;
  const { xs, ys, uv } = patches;
  for (let iy = 0; iy < ys.length; iy++) {
    for (let ix = 0; ix < xs.length; ix++) {
      const px = xs[ix], py = ys[iy];
      const o2 = 2 * (iy * xs.length + ix);
      const u = uv[o2], v = uv[o2 + 1];
      warpPatch(i1, px, py, ps, u, v, residual);
      let meanDiff = 0;
      for (let dy = 0, k = 0; dy < ps; dy++) {
        for (let dx = 0; dx < ps; dx++, k++) {
          residual[k] -= a[(py + dy) * w + px + dx];
          meanDiff += residual[k];
        }
      }
      meanDiff /= n;
      for (let dy = 0, k = 0; dy < ps; dy++) {
        for (let dx = 0; dx < ps; dx++, k++) {
          const i = (py + dy) * w + px + dx;
          const weight = 1 / Math.max(1, Math.abs(residual[k] - meanDiff));
          sumU[i] += weight * u;
          sumV[i] += weight * v;
          sumW[i] += weight;
        }
      }
    }
  }
  const flow = createFlowField(w, h);
  for (let i = 0; i < w * h; i++) {
    flow.data[2 * i] = sumU[i] / sumW[i];
    flow.data[2 * i + 1] = sumV[i] / sumW[i];
  }
  return flow;
}
