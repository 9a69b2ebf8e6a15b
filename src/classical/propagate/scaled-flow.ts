import type { FlowField } from '../flow/flow-field.js';

/**
 * A flow between two full-size frames, held at a reduced size: `field` is `scale` times smaller
 * than the frames (1: full size), its displacements in its own pixels.
 */
export interface ScaledFlow {
  readonly field: FlowField;
  readonly scale: number;
}

/**
 * The displacement, in full-size pixels, at full-size position (x, y): bilinear in the reduced
 * field (pixel centres aligned), clamped at its edges. Writes u, v into `out`.
 */
export function flowAt(flow: ScaledFlow, x: number, y: number, out: Float32Array): void {
  const { field, scale } = flow;
  const { width: w, height: h, data } = field;
  let fx = (x + 0.5) / scale - 0.5, fy = (y + 0.5) / scale - 0.5;
  fx = fx < 0 ? 0 : fx > w - 1 ? w - 1 : fx;
  fy = fy < 0 ? 0 : fy > h - 1 ? h - 1 : fy;
  const x0 = Math.min(fx | 0, Math.max(0, w - 2)), y0 = Math.min(fy | 0, Math.max(0, h - 2));
  const x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
  const ax = fx - x0, ay = fy - y0;
  const a = 2 * (y0 * w + x0), b = 2 * (y0 * w + x1), c = 2 * (y1 * w + x0), d = 2 * (y1 * w + x1);
  out[0] = scale * ((data[a] * (1 - ax) + data[b] * ax) * (1 - ay) + (data[c] * (1 - ax) + data[d] * ax) * ay);
  out[1] = scale * ((data[a + 1] * (1 - ax) + data[b + 1] * ax) * (1 - ay) + (data[c + 1] * (1 - ax) + data[d + 1] * ax) * ay);
}
