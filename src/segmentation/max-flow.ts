/**
 * A graph for a segmentation cut: one node per pixel of a `width` x `height` grid, each joined to
 * its 8 neighbours and to the two terminals (source = object, sink = background). The grid is
 * padded by one dead node on every side, so that a neighbour's index is always in range; dead
 * nodes have no capacity and are never reached.
 */
export interface GridGraph {
  readonly width: number;
  readonly height: number;
  /** Row length of the padded grid: `width + 2`. */
  readonly stride: number;
  /** Per padded node: capacity from the source (> 0) or to the sink (< 0), net of the two. */
  readonly terminal: Float32Array;
  /** Per padded node and direction d (`node * 8 + d`): residual capacity towards that neighbour. */
  readonly capacity: Float32Array;
  /** Per direction: index offset of the neighbour in the padded grid. */
  readonly offsets: Int32Array;
}

/** The 8 directions as (dx, dy); direction d ^ 1 is the opposite of d. */
export const directions: readonly (readonly [number, number])[] = [
  [1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, -1], [1, -1], [-1, 1],
];

export function createGridGraph(width: number, height: number): GridGraph {
  const stride = width + 2;
  const nodes = stride * (height + 2);
  return {
    width,
    height,
    stride,
    terminal: new Float32Array(nodes),
    capacity: new Float32Array(nodes * 8),
    offsets: Int32Array.from(directions, ([dx, dy]) => dy * stride + dx),
  };
}

/** Padded node index of pixel (x, y). */
export function gridNode(graph: GridGraph, x: number, y: number): number {
  return (y + 1) * graph.stride + x + 1;
}

/** Adds terminal capacities: cost `toSink` of labelling the pixel background, `toSource` of object. */
export function addTerminal(graph: GridGraph, node: number, fromSource: number, toSink: number): void {
  graph.terminal[node] += fromSource - toSink;
}

const free = 0, sourceTree = 1, sinkTree = 2;
const terminalParent = -2, orphanParent = -3, noParent = -1;

/**
 * Minimum s-t cut by Boykov and Kolmogorov's augmenting-path algorithm ("An experimental
 * comparison of min-cut/max-flow algorithms", PAMI 2004): two search trees, grown from the
 * terminals and kept between augmentations, with the timestamp/distance heuristic for choosing
 * parents. Consumes the graph's capacities. Returns, per pixel (unpadded, row-major), 1 for the
 * source (object) side of the cut, and the flow's value.
 */
export function maxFlow(graph: GridGraph): { readonly source: Uint8Array; readonly flow: number } {
  const { terminal, capacity: cap, offsets } = graph;
  const n = terminal.length;
  const tree = new Uint8Array(n);
  /** Arc from a node to its parent (`node * 8 + d`), or terminalParent/orphanParent/noParent. */
  const parent = new Int32Array(n).fill(noParent);
  const stamp = new Int32Array(n);
  const dist = new Int32Array(n);
  const queued = new Uint8Array(n);
  const active = new Int32Array(n + 1);
  let activeHead = 0, activeTail = 0, activeCount = 0;
  const orphans = new Int32Array(n + 1);
  let orphanHead = 0, orphanTail = 0, orphanCount = 0;
  let time = 0;
  let flow = 0;

  const head = (arc: number): number => (arc >> 3) + offsets[arc & 7];
  const sister = (arc: number): number => (head(arc) << 3) | ((arc & 7) ^ 1);
  const activate = (node: number): void => {
    if (queued[node]) return;
    queued[node] = 1;
    active[activeTail] = node;
    activeTail = activeTail === n ? 0 : activeTail + 1;
    activeCount++;
  };
  const nextActive = (): number => {
    while (activeCount > 0) {
      const node = active[activeHead];
      activeHead = activeHead === n ? 0 : activeHead + 1;
      activeCount--;
      queued[node] = 0;
      if (tree[node] !== free) return node;
    }
    return -1;
  };
  const orphan = (node: number): void => {
    parent[node] = orphanParent;
    orphans[orphanTail] = node;
    orphanTail = orphanTail === n ? 0 : orphanTail + 1;
    orphanCount++;
  };

  for (let i = 0; i < n; i++) {
    if (terminal[i] === 0) continue;
    tree[i] = terminal[i] > 0 ? sourceTree : sinkTree;
    parent[i] = terminalParent;
    dist[i] = 1;
    activate(i);
  }

  /** Pushes the bottleneck along source -> ... -> from -> to -> ... -> sink, `arc` = from -> to. */
  const augment = (arc: number): void => {
    let bottleneck = cap[arc];
    let x = arc >> 3;
    for (; parent[x] !== terminalParent; x = head(parent[x])) bottleneck = Math.min(bottleneck, cap[sister(parent[x])]);
    bottleneck = Math.min(bottleneck, terminal[x]);
    for (x = head(arc); parent[x] !== terminalParent; x = head(parent[x])) bottleneck = Math.min(bottleneck, cap[parent[x]]);
    bottleneck = Math.min(bottleneck, -terminal[x]);

    cap[arc] -= bottleneck;
    cap[sister(arc)] += bottleneck;
    for (x = arc >> 3; ; ) {
      const up = parent[x];
      if (up === terminalParent) {
        terminal[x] -= bottleneck;
        if (terminal[x] <= 0) orphan(x);
        break;
      }
      const down = sister(up);
      cap[down] -= bottleneck;
      cap[up] += bottleneck;
      const next = head(up);
      if (cap[down] <= 0) orphan(x);
      x = next;
    }
    for (x = head(arc); ; ) {
      const up = parent[x];
      if (up === terminalParent) {
        terminal[x] += bottleneck;
        if (terminal[x] >= 0) orphan(x);
        break;
      }
      cap[up] -= bottleneck;
      cap[sister(up)] += bottleneck;
      const next = head(up);
      if (cap[up] <= 0) orphan(x);
      x = next;
    }
    flow += bottleneck;
  };

  /** Finds each orphan a new parent in its tree with a path to the terminal, or frees it. */
  const adopt = (): void => {
    while (orphanCount > 0) {
      const x = orphans[orphanHead];
      orphanHead = orphanHead === n ? 0 : orphanHead + 1;
      orphanCount--;
      const side = tree[x];
      let bestArc = -1, bestDist = Infinity;
      for (let d = 0; d < 8; d++) {
        const a = (x << 3) | d;
        const q = x + offsets[d];
        if (tree[q] !== side) continue;
        // The arc must carry flow from the parent towards the source tree's orphan, or from the orphan towards the sink tree's parent.
        if ((side === sourceTree ? cap[(q << 3) | (d ^ 1)] : cap[a]) <= 0) continue;
        let y = q, depth = 0;
        for (;;) {
          if (stamp[y] === time) {
            depth += dist[y];
            break;
          }
          const up = parent[y];
          depth++;
          if (up === terminalParent) {
            stamp[y] = time;
            dist[y] = 1;
            break;
          }
          if (up === orphanParent || up === noParent) {
            depth = Infinity;
            break;
          }
          y = head(up);
        }
        if (depth === Infinity) continue;
        if (depth < bestDist) {
          bestArc = a;
          bestDist = depth;
        }
        for (y = q; stamp[y] !== time; y = head(parent[y])) {
          stamp[y] = time;
          dist[y] = depth--;
        }
      }
      if (bestArc >= 0) {
        parent[x] = bestArc;
        stamp[x] = time;
        dist[x] = bestDist + 1;
        continue;
      }
      for (let d = 0; d < 8; d++) {
        const q = x + offsets[d];
        if (tree[q] !== side) continue;
        if ((side === sourceTree ? cap[(q << 3) | (d ^ 1)] : cap[(x << 3) | d]) > 0) activate(q);
        const up = parent[q];
        if (up >= 0 && head(up) === x) orphan(q);
      }
      tree[x] = free;
      parent[x] = noParent;
    }
  };

  let current = -1;
  for (;;) {
    let p = current >= 0 && tree[current] !== free ? current : nextActive();
    current = -1;
    if (p < 0) break;
    let found = -1;
    if (tree[p] === sourceTree) {
      for (let d = 0; d < 8; d++) {
        const a = (p << 3) | d;
        if (cap[a] <= 0) continue;
        const q = p + offsets[d];
        if (tree[q] === free) {
          tree[q] = sourceTree;
          parent[q] = (q << 3) | (d ^ 1);
          stamp[q] = stamp[p];
          dist[q] = dist[p] + 1;
          activate(q);
        } else if (tree[q] === sinkTree) {
          found = a;
          break;
        } else if (stamp[q] <= stamp[p] && dist[q] > dist[p] && parent[q] >= 0) {
          parent[q] = (q << 3) | (d ^ 1);
          stamp[q] = stamp[p];
          dist[q] = dist[p] + 1;
        }
      }
    } else {
      for (let d = 0; d < 8; d++) {
        const q = p + offsets[d];
        const back = (q << 3) | (d ^ 1);
        if (cap[back] <= 0) continue;
        if (tree[q] === free) {
          tree[q] = sinkTree;
          parent[q] = back;
          stamp[q] = stamp[p];
          dist[q] = dist[p] + 1;
          activate(q);
        } else if (tree[q] === sourceTree) {
          found = back;
          break;
        } else if (stamp[q] <= stamp[p] && dist[q] > dist[p] && parent[q] >= 0) {
          parent[q] = back;
          stamp[q] = stamp[p];
          dist[q] = dist[p] + 1;
        }
      }
    }
    time++;
    if (found >= 0) {
      current = p;
      augment(found);
      adopt();
    }
  }

  const { width, height, stride } = graph;
  const source = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) source[y * width + x] = tree[(y + 1) * stride + x + 1] === sourceTree ? 1 : 0;
  }
  return { source, flow };
}
