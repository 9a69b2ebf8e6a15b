import type { Image } from '../core/image.js';
import { directions, gridCutGraph, maxFlow } from './max-flow.js';

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
  const nodeOf = new Int32Array(w * h).fill(-1);
  let nodes = 0;
  for (let i = 0; i < w * h; i++) if (fixed[i] === Fixed.Free) nodeOf[i] = nodes++;
  const pixelOf = new Int32Array(nodes);
  for (let i = 0; i < w * h; i++) if (nodeOf[i] >= 0) pixelOf[nodeOf[i]] = i;
  const template = gridCutGraph(w, h, nodeOf, nodes);
  const edges = template.capacity;
  // What each free pixel pays for its label's disagreeing with fixed neighbours.
  const towardsObject = new Float32Array(nodes), towardsBackground = new Float32Array(nodes);
  const dxs = directions.map(([dx]) => dx), dys = directions.map(([, dy]) => dy);
  const weights = directions.map(([dx, dy]) => smoothness / Math.hypot(dx, dy));
  for (let node = 0; node < nodes; node++) {
    const i = pixelOf[node];
    const x = i % w, y = (i - x) / w;
    for (let d = 0; d < 8; d++) {
      const nx = x + dxs[d], ny = y + dys[d];
      if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
      const j = ny * w + nx;
      const other = nodeOf[j];
      // Between two nodes, each pair's weight is computed once (even d) and set on both arcs.
      if (other >= 0 && (d & 1) === 1) continue;
      const weight = weights[d] * Math.exp(-beta * squaredDifference(rgb, i, j));
      if (other >= 0) {
        edges[(node << 3) | d] = weight;
        edges[(other << 3) | (d ^ 1)] = weight;
      } else {
        (fixed[j] === Fixed.Object ? towardsObject : towardsBackground)[node] += weight;
      }
    }
  }
  return {
    cut(dataCost) {
      const graph = { ...template, terminal: new Float32Array(nodes + 1), capacity: edges.slice() };
      const costs = new Float64Array(2);
      for (let node = 0; node < nodes; node++) {
        dataCost(pixelOf[node], costs);
        // Source side = object: the source link is paid when the pixel is cut off as background.
        graph.terminal[node] = costs[1] + towardsObject[node] - costs[0] - towardsBackground[node];
      }
      const { source } = maxFlow(graph);
      const labels = new Uint8Array(w * h);
      for (let i = 0; i < w * h; i++) labels[i] = nodeOf[i] >= 0 ? source[nodeOf[i]] : fixed[i] === Fixed.Object ? 1 : 0;
      return labels;
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
