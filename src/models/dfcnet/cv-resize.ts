/**
 * cv2.resize as DFC-Net's official data pipeline calls it, on interleaved float planes:
 * INTER_LINEAR (the default) and INTER_NEAREST, with OpenCV's coordinate rules, so that the
 * network gets what the official dataset code gives it. Linear: source x = (x + 0.5) * scale -
 * 0.5, clamped to the edge pixels, no antialiasing when shrinking (an exact halving averages 2x2
 * blocks, which OpenCV's INTER_AREA shortcut for that case also does). Nearest: source x =
 * floor(x * scale).
 */

export interface Planes {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  /** data[(y * width + x) * channels + c] */
  readonly data: Float64Array;
}

/** One axis's linear taps: source index and weight of the right-hand one. */
function linearTaps(from: number, to: number): { index: Int32Array; weight: Float64Array } {
  const scale = from / to;
  const index = new Int32Array(to), weight = new Float64Array(to);
  for (let i = 0; i < to; i++) {
    let f = (i + 0.5) * scale - 0.5;
    let s = Math.floor(f);
    f -= s;
    if (s < 0) {
      s = 0;
      f = 0;
    }
    if (s >= from - 1) {
      s = from - 1;
      f = 0;
    }
    index[i] = s;
    weight[i] = f;
  }
  return { index, weight };
}

export function resizeLinear(src: Planes, width: number, height: number): Planes {
  const { channels } = src;
  const xs = linearTaps(src.width, width), ys = linearTaps(src.height, height);
  const data = new Float64Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const y0 = ys.index[y], y1 = Math.min(y0 + 1, src.height - 1), fy = ys.weight[y];
    for (let x = 0; x < width; x++) {
      const x0 = xs.index[x], x1 = Math.min(x0 + 1, src.width - 1), fx = xs.weight[x];
      for (let c = 0; c < channels; c++) {
        const at = (yy: number, xx: number) => src.data[(yy * src.width + xx) * channels + c];
        const top = at(y0, x0) * (1 - fx) + at(y0, x1) * fx;
        const bottom = at(y1, x0) * (1 - fx) + at(y1, x1) * fx;
        data[(y * width + x) * channels + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return { width, height, channels, data };
}

export function resizeNearest(src: Planes, width: number, height: number): Planes {
  const { channels } = src;
  const data = new Float64Array(width * height * channels);
  const sx = (x: number) => Math.min(Math.floor(x * (src.width / width)), src.width - 1);
  const sy = (y: number) => Math.min(Math.floor(y * (src.height / height)), src.height - 1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (sy(y) * src.width + sx(x)) * channels, to = (y * width + x) * channels;
      for (let c = 0; c < channels; c++) data[to + c] = src.data[from + c];
    }
  }
  return { width, height, channels, data };
}
