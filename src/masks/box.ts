import { createMask, type Mask, type Rect } from '../core/image.js';
import { checkMaskSize } from './mask-size.js';
import type { Rng } from './random.js';
import { checkRatioRange, holeCountRange, type HoleCountRange, type RatioRange } from './ratio-range.js';

export interface BoxMaskOptions {
  /** Mask width in pixels, 8..8192. */
  readonly width: number;
  /** Mask height in pixels, 8..8192. */
  readonly height: number;
  /** Accepted hole ratio `[min, max]`, 0 < min <= max < 1. */
  readonly ratio: RatioRange;
  readonly rng: Rng;
}

/** Widest box side over narrowest that the random box aims for, either way round. */
const maxAspect = 3;

/**
 * One random axis-aligned rectangle whose area is a random hole ratio within `ratio`, with a random
 * aspect of up to 3:1 either way, placed anywhere inside the mask. When no rectangle fits the range
 * exactly (a single ratio whose pixel count has no factors that fit the mask) the rectangle whose
 * area comes closest is used.
 */
export function boxMask(options: BoxMaskOptions): Mask {
  const { width, height, ratio, rng } = options;
  checkMaskSize(width, height);
  checkRatioRange(ratio);
  const range = holeCountRange(ratio, width * height);
  const target = rng.int(range.lo, range.hi);
  const aspect = Math.exp(rng.uniform(-Math.log(maxAspect), Math.log(maxAspect)));
  const { boxWidth, boxHeight } = boxSizeNear(Math.sqrt(target * aspect), target, range, width, height);
  const x0 = rng.int(0, width - boxWidth);
  const y0 = rng.int(0, height - boxHeight);
  return rectMask(width, height, { x0, y0, x1: x0 + boxWidth, y1: y0 + boxHeight });
}

/**
 * The classic centre hole of inpainting benchmarks: a square half the shorter side wide, centred
 * (the 128x128 square at (64, 64) of a 256x256 image).
 */
export function centerSquareMask(width: number, height: number): Mask {
  checkMaskSize(width, height);
  const side = Math.floor(Math.min(width, height) / 2);
  const x0 = Math.floor((width - side) / 2);
  const y0 = Math.floor((height - side) / 2);
  return rectMask(width, height, { x0, y0, x1: x0 + side, y1: y0 + side });
}

/**
 * The box size whose area falls in `range`, with the width nearest `desiredWidth`; failing that,
 * the size whose area misses the range by the least. Widths are searched outwards from the
 * desired one, so the first exact fit found is the nearest.
 */
function boxSizeNear(
  desiredWidth: number,
  target: number,
  range: HoleCountRange,
  width: number,
  height: number,
): { boxWidth: number; boxHeight: number } {
  const start = Math.min(width, Math.max(1, Math.round(desiredWidth)));
  let best = { boxWidth: start, boxHeight: 1 };
  let bestMiss = Infinity;
  for (let distance = 0; distance < width; distance++) {
    for (const boxWidth of distance === 0 ? [start] : [start - distance, start + distance]) {
      if (boxWidth < 1 || boxWidth > width) continue;
      // Heights that put the area in range, clipped to the mask.
      const fitLo = Math.max(1, Math.ceil(range.lo / boxWidth));
      const fitHi = Math.min(height, Math.floor(range.hi / boxWidth));
      const wanted = Math.round(target / boxWidth);
      const boxHeight =
        fitLo <= fitHi
          ? Math.min(fitHi, Math.max(fitLo, wanted))
          : Math.min(height, Math.max(1, wanted));
      const area = boxWidth * boxHeight;
      const miss = area < range.lo ? range.lo - area : area > range.hi ? area - range.hi : 0;
      if (miss === 0) return { boxWidth, boxHeight };
      if (miss < bestMiss) {
        best = { boxWidth, boxHeight };
        bestMiss = miss;
      }
    }
  }
  return best;
}

function rectMask(width: number, height: number, rect: Rect): Mask {
  const data = new Uint8Array(width * height);
  for (let y = rect.y0; y < rect.y1; y++) data.fill(1, y * width + rect.x0, y * width + rect.x1);
  return createMask(width, height, data);
}
