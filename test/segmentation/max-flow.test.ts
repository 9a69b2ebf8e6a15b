import { describe, expect, it } from 'vitest';
import { createGridGraph, directions, gridNode, maxFlow, type GridGraph } from '../../src/segmentation/max-flow.js';

/** A small deterministic pseudo-random sequence, so that failures reproduce. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A grid graph with random integer capacities on every arc and terminal. */
function randomGraph(width: number, height: number, seed: number): GridGraph {
  const next = random(seed);
  const graph = createGridGraph(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const node = gridNode(graph, x, y);
      graph.terminal[node] = Math.floor(next() * 21) - 10;
      directions.forEach(([dx, dy], d) => {
        if (x + dx < 0 || y + dy < 0 || x + dx >= width || y + dy >= height) return;
        graph.capacity[node * 8 + d] = Math.floor(next() * 6);
      });
    }
  }
  return graph;
}

/** Edmonds-Karp on an explicit copy of the graph: the reference maximum flow. */
function referenceMaxFlow(graph: GridGraph): number {
  const { width, height } = graph;
  const n = width * height + 2, s = n - 2, t = n - 1;
  const cap = Array.from({ length: n }, () => new Map<number, number>());
  const add = (a: number, b: number, c: number) => {
    cap[a].set(b, (cap[a].get(b) ?? 0) + c);
    if (!cap[b].has(a)) cap[b].set(a, 0);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x, node = gridNode(graph, x, y);
      const tr = graph.terminal[node];
      if (tr > 0) add(s, i, tr);
      if (tr < 0) add(i, t, -tr);
      directions.forEach(([dx, dy], d) => {
        const c = graph.capacity[node * 8 + d];
        if (c > 0) add(i, (y + dy) * width + x + dx, c);
      });
    }
  }
  let flow = 0;
  for (;;) {
    const previous = new Int32Array(n).fill(-1);
    previous[s] = s;
    const queue = [s];
    while (queue.length > 0 && previous[t] < 0) {
      const a = queue.shift()!;
      for (const [b, c] of cap[a]) if (c > 0 && previous[b] < 0) (previous[b] = a), queue.push(b);
    }
    if (previous[t] < 0) return flow;
    let bottleneck = Infinity;
    for (let b = t; b !== s; b = previous[b]) bottleneck = Math.min(bottleneck, cap[previous[b]].get(b)!);
    for (let b = t; b !== s; b = previous[b]) {
      cap[previous[b]].set(b, cap[previous[b]].get(b)! - bottleneck);
      cap[b].set(previous[b], cap[b].get(previous[b])! + bottleneck);
    }
    flow += bottleneck;
  }
}

/** The capacity of the cut a labelling makes, in the original graph: arcs from source side to sink side. */
function cutCapacity(graph: GridGraph, source: Uint8Array): number {
  const { width, height } = graph;
  let total = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x, node = gridNode(graph, x, y);
      const tr = graph.terminal[node];
      if (tr > 0 && !source[i]) total += tr;
      if (tr < 0 && source[i]) total += -tr;
      directions.forEach(([dx, dy], d) => {
        const c = graph.capacity[node * 8 + d];
        if (c > 0 && source[i] && !source[(y + dy) * width + x + dx]) total += c;
      });
    }
  }
  return total;
}

describe('maxFlow', () => {
  it('finds the maximum flow, and its cut has exactly that capacity, on random grids', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const width = 2 + (seed % 7), height = 2 + ((seed * 3) % 6);
      const graph = randomGraph(width, height, seed);
      const original = { ...graph, terminal: graph.terminal.slice(), capacity: graph.capacity.slice() };
      const expected = referenceMaxFlow(original);
      const { flow, source } = maxFlow(graph);
      expect(flow, `seed ${seed}`).toBe(expected);
      expect(cutCapacity(original, source), `seed ${seed}`).toBe(expected);
    }
  });

  it('separates two halves joined only by weak links', () => {
    const graph = createGridGraph(6, 4);
    for (let y = 0; y < 4; y++) {
      graph.terminal[gridNode(graph, 0, y)] = 100;
      graph.terminal[gridNode(graph, 5, y)] = -100;
      for (let x = 0; x < 6; x++) {
        directions.forEach(([dx, dy], d) => {
          const nx = x + dx, ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= 6 || ny >= 4) return;
          const across = (x < 3) !== (nx < 3);
          graph.capacity[gridNode(graph, x, y) * 8 + d] = across ? 1 : 50;
        });
      }
    }
    const { source } = maxFlow(graph);
    for (let y = 0; y < 4; y++) for (let x = 0; x < 6; x++) expect(source[y * 6 + x]).toBe(x < 3 ? 1 : 0);
  });
});
