import type { Image } from '../core/image.js';
import { createGridGraph, directions, gridNode, maxFlow } from './max-flow.js';

/** Per pixel of a cut: free, or the label the cut may not change. */
export const Fixed = { Free: 0, Object: 1, Background: 2 } as const;

export interface CutProblem {
  readonly image: Image;
  /** Per pixel: Fixed.Free, or the label it must keep. */
  readonly fixed: Uint8Array;
  /** Writes the cost of free pixel i being object into out[0], of it being background into out[1]. */
  readonly dataCost: (i: number, out: Float64Array) => void;
  /** Weight of a colour edge against the data costs (GrabCut's gamma). @default 50 */
  readonly smoothness?: number;
}

/**
 * The labelling of least energy: data costs plus, between 8-neighbours with different labels,
 * `smoothness / distance * exp(-beta |colour difference|^2)` (beta from the mean difference, as in
 * GrabCut), so the boundary follows colour edges. Only free pixels become graph nodes: an edge
 * to a fixed neighbour is a cost on the free pixel's own terminal link, so the time follows the
 * free area, not the picture. Returns 1 per object pixel, 0 per background pixel.
 */
export function cutObject(problem: CutProblem): Uint8Array {
  return prepareCut(problem.image, problem.fixed, problem.smoothness).cut(problem.dataCost);
}

/** A cut whose colour edges are computed once, for several rounds with different data costs. */
export interface PreparedCut {
  cut(dataCost: CutProblem['dataCost']): Uint8Array;
}

export function prepareCut(image: Image, fixed: Uint8Array, smoothness = 50): PreparedCut {
  const { width: w, height: h, rgb } = image;
  const beta = contrastScale(image, fixed);
  const template = createGridGraph(w, h);
  const edges = template.capacity;
  // What each free pixel pays for its label's disagreeing with fixed neighbours.
  const towardsObject = new Float32Array(w * h), towardsBackground = new Float32Array(w * h);
  const free: number[] = [];
  const dxs = directions.map(([dx]) => dx), dys = directions.map(([, dy]) => dy);
  const weights = directions.map(([dx, dy]) => smoothness / Math.hypot(dx, dy));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (fixed[i] !== Fixed.Free) continue;
      free.push(i);
      const node = gridNode(template, x, y);
      // Even directions only: each pair's weight is computed once and set on both of its arcs.
      for (let d = 0; d < 8; d += 2) {
        const nx = x + dxs[d], ny = y + dys[d];
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const j = ny * w + nx;
        const weight = weights[d] * Math.exp(-beta * squaredDifference(rgb, i, j));
        if (fixed[j] === Fixed.Free) {
          edges[(node << 3) | d] = weight;
          edges[((node + template.offsets[d]) << 3) | (d ^ 1)] = weight;
        } else {
          (fixed[j] === Fixed.Object ? towardsObject : towardsBackground)[i] += weight;
        }
      }
      for (let d = 1; d < 8; d += 2) {
        const nx = x + dxs[d], ny = y + dys[d];
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const j = ny * w + nx;
        if (fixed[j] === Fixed.Free) continue;
        (fixed[j] === Fixed.Object ? towardsObject : towardsBackground)[i] += weights[d] * Math.exp(-beta * squaredDifference(rgb, i, j));
      }
    }
  }
  return {
    cut(dataCost) {
      const graph = { ...template, terminal: new Float32Array(template.terminal.length), capacity: edges.slice() };
      const costs = new Float64Array(2);
      for (const i of free) {
        dataCost(i, costs);
        const x = i % w, y = (i - x) / w;
        // Source side = object: the source link is paid when the pixel is cut off as background.
        graph.terminal[gridNode(graph, x, y)] = costs[1] + towardsObject[i] - costs[0] - towardsBackground[i];
      }
      const { source } = maxFlow(graph);
      for (let i = 0; i < source.length; i++) if (fixed[i] !== Fixed.Free) source[i] = fixed[i] === Fixed.Object ? 1 : 0;
      return source;
    },
  };
}

/** GrabCut's beta: 1 / (2 * mean squared colour difference between neighbours), over free pixels. */
function contrastScale(image: Image, fixed: Uint8Array): number {
  const { width: w, height: h, rgb } = image;
  let sum = 0, count = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (fixed[i] !== Fixed.Free) continue;
      if (x + 1 < w) {
        sum += squaredDifference(rgb, i, i + 1);
        count++;
      }
      if (y + 1 < h) {
        sum += squaredDifference(rgb, i, i + w);
        count++;
      }
    }
  }
  return count === 0 || sum === 0 ? 0 : count / (2 * sum);
}

function squaredDifference(rgb: Uint8Array, i: number, j: number): number {
  const dr = rgb[3 * i] - rgb[3 * j], dg = rgb[3 * i + 1] - rgb[3 * j + 1], db = rgb[3 * i + 2] - rgb[3 * j + 2];
  return dr * dr + dg * dg + db * db;
}
