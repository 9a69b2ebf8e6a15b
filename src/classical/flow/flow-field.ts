/**
 * A dense displacement field: `data[2 * (y * width + x)]` is the horizontal and `+ 1` the vertical
 * displacement, in pixels, of pixel (x, y) of the first frame to where it is in the second.
 */
export interface FlowField {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

export function createFlowField(width: number, height: number, data?: Float32Array): FlowField {
  const values = data ?? new Float32Array(width * height * 2);
  if (values.length !== width * height * 2) {
    throw new RangeError(`a ${width}x${height} flow field holds ${width * height * 2} values, not ${values.length}`);
  }
  return { width, height, data: values };
}

/**
 * Bilinear sample of a one-channel plane at (x, y), coordinates clamped to the plane: pixels
 * just outside read the border, as a camera's edge continues.
 */
export function sampleBilinear(plane: Float32Array, width: number, height: number, x: number, y: number): number {
  const cx = x < 0 ? 0 : x > width - 1 ? width - 1 : x;
  const cy = y < 0 ? 0 : y > height - 1 ? height - 1 : y;
  const x0 = Math.min(cx | 0, width - 2 < 0 ? 0 : width - 2);
  const y0 = Math.min(cy | 0, height - 2 < 0 ? 0 : height - 2);
  const fx = cx - x0, fy = cy - y0;
  const x1 = Math.min(x0 + 1, width - 1), y1 = Math.min(y0 + 1, height - 1);
  const a = plane[y0 * width + x0], b = plane[y0 * width + x1];
  const c = plane[y1 * width + x0], d = plane[y1 * width + x1];
  return (a + (b - a) * fx) * (1 - fy) + (c + (d - c) * fx) * fy;
}

/** The flow at half (or any) resolution scaled up to `width` x `height`: positions and lengths. */
export function resizeFlow(flow: FlowField, width: number, height: number): FlowField {
  const out = new Float32Array(width * height * 2);
  const sx = flow.width / width, sy = flow.height / height;
  const u = new Float32Array(flow.width * flow.height);
  const v = new Float32Array(flow.width * flow.height);
  for (let i = 0; i < u.length; i++) {
    u[i] = flow.data[2 * i];
    v[i] = flow.data[2 * i + 1];
  }
  for (let y = 0; y < height; y++) {
    const fy = (y + 0.5) * sy - 0.5;
    for (let x = 0; x < width; x++) {
      const fx = (x + 0.5) * sx - 0.5;
      const o = 2 * (y * width + x);
      out[o] = sampleBilinear(u, flow.width, flow.height, fx, fy) / sx;
      out[o + 1] = sampleBilinear(v, flow.width, flow.height, fx, fy) / sy;
    }
  }
  return { width, height, data: out };
}

/** Mean end-point error between two fields of one size, over the pixels `include` accepts. */
export function endPointError(a: FlowField, b: FlowField, include: (x: number, y: number) => boolean = () => true): number {
  let sum = 0, n = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      if (!include(x, y)) continue;
      const i = 2 * (y * a.width + x);
      sum += Math.hypot(a.data[i] - b.data[i], a.data[i + 1] - b.data[i + 1]);
      n++;
    }
  }
  return n === 0 ? 0 : sum / n;
}
