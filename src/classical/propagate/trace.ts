import type { FlowField } from '../flow/flow-field.js';
import type { FrameState } from './frame-state.js';

/**
 * Where each unfilled pixel of a frame can be copied from, found by following the flow through
 * neighbouring frames: `frame[i]` is the window index of the source frame (-1: none found),
 * (`x[i]`, `y[i]`) the position there, `hops[i]` the number of frames crossed.
 */
export interface Sources {
  readonly frame: Int16Array;
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly hops: Uint16Array;
}

export type Direction = 'from-past' | 'from-future';

/**
 * One pass through the window. 'from-past' visits frames first to last, and sends each unfilled
 * pixel back along its flow to the previous frame: where it lands on a valid pixel, that is its
 * source; where it lands on an unfilled pixel that already found a source, it inherits that
 * source (shifted by the sub-pixel offset), so pixels travel through any number of frames while
 * being sampled only once. A step is taken only where the forward and backward flows agree (else
 * the pixel is occluded or the flow is wrong there).
 */
export function traceSources(frames: readonly FrameState[], direction: Direction, tolerance: number): (Sources | undefined)[] {
  const sources: (Sources | undefined)[] = frames.map(() => undefined);
  const fromPast = direction === 'from-past';
  const order = frames.map((_, t) => t);
  if (!fromPast) order.reverse();
  for (const t of order) {
    const neighbour = fromPast ? t - 1 : t + 1;
    if (neighbour < 0 || neighbour >= frames.length) continue;
    const frame = frames[t], other = frames[neighbour];
    const there = fromPast ? frame.toPrevious : frame.toNext;
    const back = fromPast ? other.toNext : other.toPrevious;
    if (!there || !back) continue;
    sources[t] = step(frame, other, neighbour, there, back, sources[neighbour], tolerance);
  }
  return sources;
}

function step(
  frame: FrameState,
  other: FrameState,
  otherIndex: number,
  there: FlowField,
  back: FlowField,
  otherSources: Sources | undefined,
  tolerance: number,
): Sources {
  const { width: w, height: h } = frame;
  const n = w * h;
  const out: Sources = {
    frame: new Int16Array(n).fill(-1),
    x: new Float32Array(n),
    y: new Float32Array(n),
    hops: new Uint16Array(n),
  };
  const f = there.data, g = back.data;
  for (let i = 0; i < n; i++) {
    if (frame.valid[i]) continue;
    const x = i % w, y = (i - x) / w;
    const px = x + f[2 * i], py = y + f[2 * i + 1];
    if (px < 0 || py < 0 || px > w - 1 || py > h - 1) continue;
    // Forward-backward check: the flow back from where the pixel lands must return it home.
    const x0 = Math.min(px | 0, w - 2), y0 = Math.min(py | 0, h - 2);
    const fx = px - x0, fy = py - y0;
    const a = 2 * (y0 * w + x0), b = a + 2, c = a + 2 * w, d = c + 2;
    const gu = (g[a] * (1 - fx) + g[b] * fx) * (1 - fy) + (g[c] * (1 - fx) + g[d] * fx) * fy;
    const gv = (g[a + 1] * (1 - fx) + g[b + 1] * fx) * (1 - fy) + (g[c + 1] * (1 - fx) + g[d + 1] * fx) * fy;
    const ex = f[2 * i] + gu, ey = f[2 * i + 1] + gv;
    const allowed = tolerance * (1 + 0.05 * Math.hypot(f[2 * i], f[2 * i + 1]));
    if (ex * ex + ey * ey > allowed * allowed) continue;

    const rx = Math.round(px), ry = Math.round(py);
    const r = ry * w + rx;
    if (other.valid[r]) {
      out.frame[i] = otherIndex;
      out.x[i] = px;
      out.y[i] = py;
      out.hops[i] = 1;
    } else if (otherSources && otherSources.frame[r] >= 0) {
      out.frame[i] = otherSources.frame[r];
      out.x[i] = otherSources.x[r] + (px - rx);
      out.y[i] = otherSources.y[r] + (py - ry);
      out.hops[i] = otherSources.hops[r] + 1;
    }
  }
  return out;
}
