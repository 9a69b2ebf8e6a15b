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
  const { image, fixed } = problem;
  const { width: w, height: h, rgb } = image;
  const smoothness = problem.smoothness ?? 50;
  const beta = contrastScale(image, fixed);
  const graph = createGridGraph(w, h);
  const { capacity } = graph;
  const costs = new Float64Array(2);
  const weights = directions.map(([dx, dy]) => smoothness / Math.hypot(dx, dy));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (fixed[i] !== Fixed.Free) continue;
      problem.dataCost(i, costs);
      // Source side = object: the source link is paid when the pixel is cut off as background.
      let fromSource = costs[1], toSink = costs[0];
      const node = gridNode(graph, x, y);
      for (let d = 0; d < 8; d++) {
        const [dx, dy] = directions[d];
        const nx = x + dx, ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const j = ny * w + nx;
        const dr = rgb[3 * i] - rgb[3 * j], dg = rgb[3 * i + 1] - rgb[3 * j + 1], db = rgb[3 * i + 2] - rgb[3 * j + 2];
        const weight = weights[d] * Math.exp(-beta * (dr * dr + dg * dg + db * db));
        if (fixed[j] === Fixed.Free) capacity[(node << 3) | d] = weight;
        else if (fixed[j] === Fixed.Object) fromSource += weight;
        else toSink += weight;
      }
      graph.terminal[node] = fromSource - toSink;
    }
  }
  const { source } = maxFlow(graph);
  for (let i = 0; i < source.length; i++) if (fixed[i] !== Fixed.Free) source[i] = fixed[i] === Fixed.Object ? 1 : 0;
  return source;
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
