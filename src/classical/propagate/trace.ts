import type { FrameState } from './frame-state.js';
import { flowAt, type ScaledFlow } from './scaled-flow.js';

/**
 * Where the unfilled pixels of a frame can be copied from, found by following the flow through
 * neighbouring frames. Slot k is about pixel `pixels[k]`: `frame[k]` is the window index of the
 * source frame (-1: none found), (`x[k]`, `y[k]`) the position there, `hops[k]` the number of
 * frames crossed. Only the unfilled pixels have a slot, so memory follows the holes' size.
 */
export interface Sources {
  readonly pixels: Int32Array;
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
 * the pixel is occluded or the flow is wrong there). `unfilled[t]` lists frame t's unfilled pixels.
 */
export function traceSources(
  frames: readonly FrameState[],
  unfilled: readonly Int32Array[],
  direction: Direction,
  tolerance: number,
): (Sources | undefined)[] {
  const sources: (Sources | undefined)[] = frames.map(() => undefined);
  if (frames.length === 0) return sources;
  const fromPast = direction === 'from-past';
  // Slot of each pixel of the neighbour frame, -1 where it has none; reset after each step.
  const slotOf = new Int32Array(frames[0].width * frames[0].height).fill(-1);
  const order = frames.map((_, t) => t);
  if (!fromPast) order.reverse();
  for (const t of order) {
    const neighbour = fromPast ? t - 1 : t + 1;
    if (neighbour < 0 || neighbour >= frames.length || unfilled[t].length === 0) continue;
    const frame = frames[t], other = frames[neighbour];
    const there = fromPast ? frame.toPrevious : frame.toNext;
    const back = fromPast ? other.toNext : other.toPrevious;
    if (!there || !back) continue;
    const otherSources = sources[neighbour];
    if (otherSources) otherSources.pixels.forEach((pixel, k) => (slotOf[pixel] = k));
    sources[t] = step(frame, unfilled[t], other, neighbour, there, back, otherSources, slotOf, tolerance);
    if (otherSources) otherSources.pixels.forEach((pixel) => (slotOf[pixel] = -1));
  }
  return sources;
}

function step(
  frame: FrameState,
  pixels: Int32Array,
  other: FrameState,
  otherIndex: number,
  there: ScaledFlow,
  back: ScaledFlow,
  otherSources: Sources | undefined,
  slotOf: Int32Array,
  tolerance: number,
): Sources {
  const { width: w, height: h } = frame;
  const n = pixels.length;
  const out: Sources = {
    pixels,
    frame: new Int16Array(n).fill(-1),
    x: new Float32Array(n),
    y: new Float32Array(n),
    hops: new Uint16Array(n),
  };
  const f = new Float32Array(2), g = new Float32Array(2);
  for (let k = 0; k < n; k++) {
    const i = pixels[k];
    const x = i % w, y = (i - x) / w;
    flowAt(there, x, y, f);
    const px = x + f[0], py = y + f[1];
    if (px < 0 || py < 0 || px > w - 1 || py > h - 1) continue;
    // Forward-backward check: the flow back from where the pixel lands must return it home.
    flowAt(back, px, py, g);
    const ex = f[0] + g[0], ey = f[1] + g[1];
    const allowed = tolerance * (1 + 0.05 * Math.hypot(f[0], f[1]));
    if (ex * ex + ey * ey > allowed * allowed) continue;

    const rx = Math.round(px), ry = Math.round(py);
    const r = ry * w + rx;
    const slot = slotOf[r];
    if (other.valid[r]) {
      out.frame[k] = otherIndex;
      out.x[k] = px;
      out.y[k] = py;
      out.hops[k] = 1;
    } else if (otherSources && slot >= 0 && otherSources.frame[slot] >= 0) {
      out.frame[k] = otherSources.frame[slot];
      out.x[k] = otherSources.x[slot] + (px - rx);
      out.y[k] = otherSources.y[slot] + (py - ry);
      out.hops[k] = otherSources.hops[slot] + 1;
    }
  }
  return out;
}
