import { createMask, type Mask } from '../core/image.js';
import { checkMaskSize } from './mask-size.js';
import type { Rng } from './random.js';
import { checkRatioRange, holeCountRange, type RatioRange } from './ratio-range.js';
import { replaceInRect, stampStroke, strokeBounds, type Stroke } from './stroke.js';

export interface FreeFormMaskOptions {
  /** Mask width in pixels, 8..8192. */
  readonly width: number;
  /** Mask height in pixels, 8..8192. */
  readonly height: number;
  /** Accepted hole ratio `[min, max]`, 0 < min <= max < 1. */
  readonly ratio: RatioRange;
  readonly rng: Rng;
}

/**
 * Strokes tried for a square mask, kept ones and rejected ones together, before giving up; a mask
 * k times longer than wide gets k times as many, since strokes are sized on its shorter side.
 * At 256x256 masks take 2 to 50; the bound only guarantees that generation ends.
 */
export const strokeAttemptsPerSquare = 400;

/** Factor applied to stroke size after each stroke that overshoots the range. */
const shrinkAfterOvershoot = 0.7;

// Stroke shape, relative to the mask's shorter side, at full size. Chosen to look like the
// hand-drawn brush masks of DeepFill v2's free-form protocol at 256x256: 10 to 40 px brushes,
// 15 to 65 px segments, sharp alternating bends.
const minSegments = 2;
const maxSegments = 6;
const minSegmentLength = 0.06;
const maxSegmentLength = 0.25;
const minBrushWidth = 0.04;
const maxBrushWidth = 0.16;
const minTurn = Math.PI / 6;
const maxTurn = Math.PI / 2;

/**
 * A free-form hole made of random brush strokes, in the manner of DeepFill v2 (Yu et al., "Free-Form
 * Image Inpainting with Gated Convolution", ICCV 2019): each stroke starts at a random point and
 * walks through a few vertices with random bends and segment lengths, drawn with a random round
 * brush.
 *
 * Strokes are added until the hole ratio reaches `ratio[0]`. A stroke that would push it past
 * `ratio[1]` is undone and tried again with a new stroke 0.7 times smaller, so strokes get finer
 * as the hole nears its target. The number of tries is bounded (`strokeAttemptsPerSquare`, times
 * the aspect ratio): when they run out the generator gives up and returns the mask it saw that
 * came closest to the range (the current one, or the smallest overshoot), which may then lie
 * outside it. Its tests count how often that happens: never in 50 masks each at 0.1-0.2, 0.3-0.4
 * and 0.5-0.6 on 256x256.
 */
export function freeFormMask(options: FreeFormMaskOptions): Mask {
  const { width, height, ratio, rng } = options;
  checkMaskSize(width, height);
  checkRatioRange(ratio);
  const { lo, hi } = holeCountRange(ratio, width * height);
  const data = new Uint8Array(width * height);
  // A stroke's new pixels carry this mark until the stroke is kept (1) or undone (0).
  const pending = 2;
  let holes = 0;
  let scale = 1;
  let closestOvershoot: Uint8Array | null = null;
  let closestOvershootMiss = Infinity;
  const maxAttempts = strokeAttemptsPerSquare * Math.ceil(Math.max(width, height) / Math.min(width, height));
  for (let attempt = 0; attempt < maxAttempts && holes < lo; attempt++) {
    const stroke = randomStroke(rng, width, height, scale);
    const bounds = strokeBounds(stroke, width, height);
    const added = stampStroke(data, width, height, stroke, pending);
    if (holes + added <= hi) {
      replaceInRect(data, width, bounds, pending, 1);
      holes += added;
      continue;
    }
    // The undershoot only shrinks from here on, so an overshoot no closer than it never wins.
    const miss = holes + added - hi;
    if (miss < closestOvershootMiss && miss < lo - holes) {
      closestOvershoot = data.slice();
      replaceInRect(closestOvershoot, width, bounds, pending, 1);
      closestOvershootMiss = miss;
    }
    replaceInRect(data, width, bounds, pending, 0);
    scale *= shrinkAfterOvershoot;
  }
  if (closestOvershoot !== null && holes < lo && closestOvershootMiss < lo - holes) {
    return createMask(width, height, closestOvershoot);
  }
  return createMask(width, height, data);
}

/** A random stroke; `scale` shrinks its brush and segments (never the brush below 1 pixel). */
function randomStroke(rng: Rng, width: number, height: number, scale: number): Stroke {
  const side = Math.min(width, height);
  const segments = rng.int(minSegments, maxSegments);
  const points = new Float64Array((segments + 1) * 2);
  let x = rng.uniform(0, width);
  let y = rng.uniform(0, height);
  points[0] = x;
  points[1] = y;
  let heading = rng.uniform(0, 2 * Math.PI);
  // Bends alternate left and right, so the stroke zig-zags along a general direction, as a
  // quick hand-drawn scribble does.
  let bend = rng.next() < 0.5 ? 1 : -1;
  for (let s = 1; s <= segments; s++) {
    const length = rng.uniform(minSegmentLength, maxSegmentLength) * side * scale;
    x += Math.cos(heading) * length;
    y += Math.sin(heading) * length;
    // Bounce off the mask's edges rather than clamping, which would smear strokes along them.
    if (x < 0 || x > width) {
      x = x < 0 ? -x : 2 * width - x;
      heading = Math.PI - heading;
    }
    if (y < 0 || y > height) {
      y = y < 0 ? -y : 2 * height - y;
      heading = -heading;
    }
    points[s * 2] = x;
    points[s * 2 + 1] = y;
    heading += bend * rng.uniform(minTurn, maxTurn);
    bend = -bend;
  }
  const brush = Math.max(1, rng.uniform(minBrushWidth, maxBrushWidth) * side * scale);
  return { points, width: brush };
}
