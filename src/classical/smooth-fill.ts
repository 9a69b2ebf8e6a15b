/**
 * Harmonic (membrane) fill: hole values that solve Laplace's equation with the known pixels as
 * boundary condition, approximately. Solved coarse to fine: the hole is filled at half resolution
 * first (recursively), upsampled as the starting point, then relaxed with Gauss-Seidel sweeps.
 * Not a full multigrid solve: on large holes a strong gradient is matched only to a few levels
 * (a 3x+2y ramp across a 160x110 hole ends up to 7 levels off), which is enough for a first guess
 * and for low-frequency colour; use more `sweeps` where it is not.
 *
 * Works on interleaved float images with `channels` values a pixel; `hole` is 1 where unknown.
 */
export function harmonicFill(
  data: Float32Array,
  hole: Uint8Array,
  width: number,
  height: number,
  channels: number,
  sweeps = 12,
): void {
  if (width > 2 && height > 2 && hasHole(hole)) {
    const cw = (width + 1) >> 1, ch = (height + 1) >> 1;
    const coarse = new Float32Array(cw * ch * channels);
    const coarseHole = new Uint8Array(cw * ch);
    downsampleKnown(data, hole, width, height, channels, coarse, coarseHole, cw, ch);
    harmonicFill(coarse, coarseHole, cw, ch, channels, sweeps);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        if (!hole[i]) continue;
        const j = ((y >> 1) * cw + (x >> 1)) * channels;
        for (let c = 0; c < channels; c++) data[i * channels + c] = coarse[j + c];
      }
    }
  }
  relax(data, hole, width, height, channels, sweeps);
}

function hasHole(hole: Uint8Array): boolean {
  for (let i = 0; i < hole.length; i++) if (hole[i]) return true;
  return false;
}

/** Averages the known pixels of each 2x2 block; a block with none stays a hole. */
function downsampleKnown(
  data: Float32Array, hole: Uint8Array, width: number, height: number, channels: number,
  out: Float32Array, outHole: Uint8Array, cw: number, ch: number,
): void {
  const sum = new Float64Array(channels);
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      sum.fill(0);
      let n = 0;
      for (let dy = 0; dy < 2; dy++) {
        const y = 2 * cy + dy;
        if (y >= height) continue;
        for (let dx = 0; dx < 2; dx++) {
          const x = 2 * cx + dx;
          if (x >= width) continue;
          const i = y * width + x;
          if (hole[i]) continue;
          for (let c = 0; c < channels; c++) sum[c] += data[i * channels + c];
          n++;
        }
      }
      const o = cy * cw + cx;
      outHole[o] = n === 0 ? 1 : 0;
      for (let c = 0; c < channels; c++) out[o * channels + c] = n === 0 ? 0 : sum[c] / n;
    }
  }
}

/** Gauss-Seidel sweeps of the 4-neighbour Laplacian over the hole pixels, alternating direction. */
function relax(data: Float32Array, hole: Uint8Array, width: number, height: number, channels: number, sweeps: number): void {
  const holes: number[] = [];
  for (let i = 0; i < hole.length; i++) if (hole[i]) holes.push(i);
  const order = Int32Array.from(holes);
  for (let s = 0; s < sweeps; s++) {
    const forward = s % 2 === 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[forward ? k : order.length - 1 - k];
      const x = i % width, y = (i - x) / width;
      for (let c = 0; c < channels; c++) {
        let sum = 0, n = 0;
        if (x > 0) { sum += data[(i - 1) * channels + c]; n++; }
        if (x < width - 1) { sum += data[(i + 1) * channels + c]; n++; }
        if (y > 0) { sum += data[(i - width) * channels + c]; n++; }
        if (y < height - 1) { sum += data[(i + width) * channels + c]; n++; }
        data[i * channels + c] = sum / n;
      }
    }
  }
}
