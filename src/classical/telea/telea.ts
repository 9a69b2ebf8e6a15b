import { InvalidOptionError, MaskCoversEverythingError } from '../../core/errors.js';
import { assertSameSize, createImage, holeCount, type Image, type Mask } from '../../core/image.js';
import { CellHeap } from './cell-heap.js';
import { arrivalTime, BLOCKED, FAR, FROZEN, marchOutwards, TRIAL } from './fast-marching.js';

/** Distance given to known pixels the outward march does not reach: far enough to weigh nothing. */
const UNREACHED = 1e6;

/**
 * The working grid of one fill, padded by `radius + 1` cells of BLOCKED on every side so that the
 * window and gradient reads never need bounds checks. `cell = (y + pad) * stride + x + pad`.
 */
interface FillGrid {
  readonly stride: number;
  readonly pad: number;
  readonly state: Uint8Array;
  /** T: distance to the hole boundary, positive inside the hole, negative outside. */
  readonly time: Float32Array;
  /** RGB interleaved: the known pixels, then each hole pixel as soon as it is estimated. */
  readonly colour: Float32Array;
  /** 1 where the colour is a known pixel of the input (not an estimate). */
  readonly original: Uint8Array;
}

/**
 * Fills the hole (mask 1) by fast marching (Telea 2004, "An Image Inpainting Technique Based on
 * the Fast Marching Method"): hole pixels are reached from the boundary inwards in order of their
 * distance T, and each is estimated, when reached, from the pixels of known colour within
 * `radius`. Hole pixels of `image` are never read; an empty mask gives a copy. Throws InvalidOptionError for a radius that is
 * not a positive integer, SizeMismatchError when the mask's size differs from the image's,
 * MaskCoversEverythingError when no pixel is known.
 */
export function teleaInpaint(image: Image, mask: Mask, radius: number): Image {
  assertSameSize(image, mask);
  if (!Number.isInteger(radius) || radius < 1) {
    throw new InvalidOptionError('telea radius', 'an integer >= 1', radius);
  }
  const { width, height } = image;
  const holes = holeCount(mask);
  if (holes === 0) return createImage(width, height, image.rgb.slice());
  if (holes === width * height) throw new MaskCoversEverythingError(width, height);
  const grid = createGrid(image, mask, radius);
  const boundary = boundaryCells(mask, grid);
  measureOutside(grid, width, height, boundary, radius);
  fillInwards(grid, width, height, boundary, radius);
  return readImage(grid, width, height);
}

/** The padded grid with the known pixels' colours; states and times are set by each pass. */
function createGrid(image: Image, mask: Mask, radius: number): FillGrid {
  const { width, height, rgb } = image;
  const pad = radius + 1;
  const stride = width + 2 * pad;
  const cellCount = stride * (height + 2 * pad);
  const grid: FillGrid = {
    stride,
    pad,
    state: new Uint8Array(cellCount).fill(BLOCKED),
    time: new Float32Array(cellCount),
    colour: new Float32Array(cellCount * 3),
    original: new Uint8Array(cellCount),
  };
  const { colour, original } = grid;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (mask.data[i]) continue;
      const c = (y + pad) * stride + x + pad;
      original[c] = 1;
      colour[c * 3] = rgb[i * 3];
      colour[c * 3 + 1] = rgb[i * 3 + 1];
      colour[c * 3 + 2] = rgb[i * 3 + 2];
    }
  }
  return grid;
}

/** Known pixels with a hole pixel among their 4-neighbours, in raster order, as grid cells. */
function boundaryCells(mask: Mask, grid: FillGrid): Int32Array {
  const { width, height, data } = mask;
  const cells: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (data[i]) continue;
      const touchesHole =
        (x > 0 && data[i - 1]) || (x + 1 < width && data[i + 1]) ||
        (y > 0 && data[i - width]) || (y + 1 < height && data[i + width]);
      if (touchesHole) cells.push((y + grid.pad) * grid.stride + x + grid.pad);
    }
  }
  return Int32Array.from(cells);
}

/**
 * First pass: the distance of the known pixels around the hole to its boundary, stored as -T so
 * that the level-set weight compares a hole pixel with its known neighbours on one scale.
 */
function measureOutside(grid: FillGrid, width: number, height: number, boundary: Int32Array, radius: number): void {
  const { state, time, original, stride, pad } = grid;
  for (let y = 0; y < height; y++) {
    const row = (y + pad) * stride + pad;
    for (let c = row; c < row + width; c++) {
      state[c] = original[c] ? FAR : BLOCKED;
      time[c] = original[c] ? UNREACHED : 0;
    }
  }
  for (let i = 0; i < boundary.length; i++) {
    state[boundary[i]] = TRIAL;
    time[boundary[i]] = 0;
  }
  // Every neighbour a window can reach lies within `radius` of the hole; the march's distance
  // overestimates the Euclidean one a little off the axes, hence the slack.
  marchOutwards(state, time, boundary, stride, 1.5 * radius + 1);
  for (let y = 0; y < height; y++) {
    const row = (y + pad) * stride + pad;
    for (let c = row; c < row + width; c++) if (original[c]) time[c] = -time[c];
  }
}

/** Second pass: march into the hole from its boundary, estimating each pixel when it is reached. */
function fillInwards(grid: FillGrid, width: number, height: number, boundary: Int32Array, radius: number): void {
  const { state, time, original, stride, pad } = grid;
  for (let y = 0; y < height; y++) {
    const row = (y + pad) * stride + pad;
    for (let c = row; c < row + width; c++) state[c] = original[c] ? FROZEN : FAR;
  }
  const heap = new CellHeap(boundary.length * 2);
  for (let i = 0; i < boundary.length; i++) {
    state[boundary[i]] = TRIAL;
    heap.push(boundary[i], 0);
  }
  const window = windowOffsets(radius, stride);
  while (heap.size > 0) {
    const cell = heap.pop();
    if (state[cell] === FROZEN) continue; // an outdated entry: the cell came out earlier
    state[cell] = FROZEN;
    for (let n = 0; n < 4; n++) {
      const next = cell + (n === 0 ? -stride : n === 1 ? stride : n === 2 ? -1 : 1);
      const s = state[next];
      if (s !== FAR && s !== TRIAL) continue;
      const t = arrivalTime(state, time, next, stride);
      if (s === TRIAL) {
        // Already estimated: only its time can still improve.
        if (t < time[next]) {
          time[next] = t;
          heap.push(next, t);
        }
        continue;
      }
      time[next] = t;
      estimateColour(grid, next, window);
      state[next] = TRIAL; // only now: its own colour must not feed its estimate
      heap.push(next, t);
    }
  }
}

/** The disk of neighbours q of a pixel p: r = p - q, the cell step from p to q, and 1 / |r|³. */
interface WindowOffsets {
  readonly count: number;
  readonly step: Int32Array;
  readonly rx: Float32Array;
  readonly ry: Float32Array;
  readonly inverseCubedDistance: Float32Array;
}

function windowOffsets(radius: number, stride: number): WindowOffsets {
  const step: number[] = [], rx: number[] = [], ry: number[] = [], inverse: number[] = [];
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      const d2 = dx * dx + dy * dy;
      if (d2 === 0 || d2 > radius * radius) continue;
      step.push(-(dy * stride + dx));
      rx.push(dx);
      ry.push(dy);
      inverse.push(1 / (d2 * Math.sqrt(d2)));
    }
  }
  return {
    count: step.length,
    step: Int32Array.from(step),
    rx: Float32Array.from(rx),
    ry: Float32Array.from(ry),
    inverseCubedDistance: Float32Array.from(inverse),
  };
}

/**
 * The colour of `cell` (p) from the cells q within the window whose colour is known (FROZEN or
 * TRIAL): Σ w(q) [I(q) + ∇I(q)·(p - q)] / Σ w(q), where w is the product of the paper's weights:
 * direction |∇T(p)·(p - q)| / |p - q|, geometric distance 1 / |p - q|², level-set distance
 * 1 / (1 + |T(p) - T(q)|). Direction and distance fold into |∇T·r| / |r|³, which differs from the
 * paper's product only by |∇T(p)|, the same for every q.
 *
 * The gradient term is taken only where it is measured: at input pixels, by a central difference
 * over input pixels. Gradients of estimates, or one-sided ones at the hole's edge, feed each
 * estimate's error into the next and the fill diverges (about -7 dB on the benchmark with them).
 */
function estimateColour(grid: FillGrid, cell: number, window: WindowOffsets): void {
  const { state, time, colour, original, stride } = grid;
  const tp = time[cell];
  const gtx = derivativeOfTime(state, time, cell, 1);
  const gty = derivativeOfTime(state, time, cell, stride);
  const { count, step, rx, ry, inverseCubedDistance } = window;
  let sumW = 0, sum0 = 0, sum1 = 0, sum2 = 0;
  for (let k = 0; k < count; k++) {
    const q = cell + step[k];
    if (state[q] >= FAR) continue;
    const x = rx[k], y = ry[k];
    let direction = Math.abs(x * gtx + y * gty);
    // A neighbour straight across the front (or a flat T) still counts, a little.
    if (direction <= 0.01) direction = 1e-6;
    const w = (direction * inverseCubedDistance[k]) / (1 + Math.abs(time[q] - tp));
    const q3 = q * 3;
    let v0 = colour[q3], v1 = colour[q3 + 1], v2 = colour[q3 + 2];
    if (original[q]) {
      if (original[q - 1] && original[q + 1]) {
        const a = q3 + 3, b = q3 - 3, h = 0.5 * x;
        v0 += h * (colour[a] - colour[b]);
        v1 += h * (colour[a + 1] - colour[b + 1]);
        v2 += h * (colour[a + 2] - colour[b + 2]);
      }
      if (original[q - stride] && original[q + stride]) {
        const a = q3 + 3 * stride, b = q3 - 3 * stride, h = 0.5 * y;
        v0 += h * (colour[a] - colour[b]);
        v1 += h * (colour[a + 1] - colour[b + 1]);
        v2 += h * (colour[a + 2] - colour[b + 2]);
      }
    }
    sum0 += w * v0;
    sum1 += w * v1;
    sum2 += w * v2;
    sumW += w;
  }
  const c3 = cell * 3;
  colour[c3] = sum0 / sumW;
  colour[c3 + 1] = sum1 / sumW;
  colour[c3 + 2] = sum2 / sumW;
}

/** Derivative of T at `cell` along `step` (1 or the stride), from the neighbours that have a time. */
function derivativeOfTime(state: Uint8Array, time: Float32Array, cell: number, step: number): number {
  const before = state[cell - step] < FAR, after = state[cell + step] < FAR;
  if (before && after) return (time[cell + step] - time[cell - step]) * 0.5;
  if (after) return time[cell + step] - time[cell];
  if (before) return time[cell] - time[cell - step];
  return 0;
}

function readImage(grid: FillGrid, width: number, height: number): Image {
  const { colour, stride, pad } = grid;
  const rgb = new Uint8Array(width * height * 3);
  const clamped = new Uint8ClampedArray(rgb.buffer); // stores round and clamp to 0..255
  for (let y = 0; y < height; y++) {
    const row = (y + pad) * stride + pad;
    clamped.set(colour.subarray(row * 3, (row + width) * 3), y * width * 3);
  }
  return createImage(width, height, rgb);
}
