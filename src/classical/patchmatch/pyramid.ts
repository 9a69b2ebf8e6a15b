/**
 * Image pyramid for coarse-to-fine filling. Each level holds an interleaved float image and its
 * hole. A coarse pixel averages the known fine pixels it covers and is a hole only when all four
 * are: marking it a hole when any is would widen thin strokes at every level until the coarse
 * levels had little left to copy from.
 */
export interface Level {
  readonly width: number;
  readonly height: number;
  /** Values a pixel: RGB first, then texture features. */
  readonly channels: number;
  /** Interleaved, `channels` a pixel; hole pixels hold the current estimate. */
  readonly data: Float32Array;
  /** 1 = hole. */
  readonly hole: Uint8Array;
}

/** Levels finest first: `levels[0]` is the input itself. */
export function buildPyramid(finest: Level, count: number): Level[] {
  const levels = [finest];
  for (let l = 1; l < count; l++) levels.push(halve(levels[l - 1]));
  return levels;
}

function halve(level: Level): Level {
  const { width, height, channels: C, data, hole } = level;
  const w = width >> 1, h = height >> 1;
  const out = new Float32Array(w * h * C);
  const outHole = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const a = 2 * y * width + 2 * x, b = a + 1, c = a + width, d = c + 1;
      const o = y * w + x;
      const holes = hole[a] + hole[b] + hole[c] + hole[d];
      outHole[o] = holes === 4 ? 1 : 0;
      const known = 4 - holes;
      for (let k = 0; k < C; k++) {
        let sum = 0;
        if (!hole[a]) sum += data[a * C + k];
        if (!hole[b]) sum += data[b * C + k];
        if (!hole[c]) sum += data[c * C + k];
        if (!hole[d]) sum += data[d * C + k];
        out[o * C + k] = known ? sum / known : 0;
      }
    }
  }
  return { width: w, height: h, channels: C, data: out, hole: outHole };
}

/**
 * How many levels to use: halve until the deepest hole pixel is within about one patch of known
 * pixels (so the coarsest fill is a small problem), while the image keeps room for several
 * patches across.
 */
export function autoLevelCount(hole: Uint8Array, width: number, height: number, patchSize: number): number {
  let depth = maxDistanceToKnown(hole, width, height);
  let size = Math.min(width, height);
  let count = 1;
  while (depth > patchSize && size / 2 >= 4 * patchSize) {
    depth /= 2;
    size /= 2;
    count++;
  }
  return count;
}

/** Largest chessboard distance from a hole pixel to the nearest known pixel (two-pass transform). */
function maxDistanceToKnown(hole: Uint8Array, width: number, height: number): number {
  const big = width + height;
  const d = new Int32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!hole[i]) { d[i] = 0; continue; }
      let v = big;
      if (x > 0) v = Math.min(v, d[i - 1] + 1);
      if (y > 0) {
        v = Math.min(v, d[i - width] + 1);
        if (x > 0) v = Math.min(v, d[i - width - 1] + 1);
        if (x < width - 1) v = Math.min(v, d[i - width + 1] + 1);
      }
      d[i] = v;
    }
  }
  let max = 0;
  for (let y = height - 1; y >= 0; y--) {
    for (let x = width - 1; x >= 0; x--) {
      const i = y * width + x;
      if (!hole[i]) continue;
      let v = d[i];
      if (x < width - 1) v = Math.min(v, d[i + 1] + 1);
      if (y < height - 1) {
        v = Math.min(v, d[i + width] + 1);
        if (x < width - 1) v = Math.min(v, d[i + width + 1] + 1);
        if (x > 0) v = Math.min(v, d[i + width - 1] + 1);
      }
      d[i] = v;
      if (v > max) max = v;
    }
  }
  return max;
}
