import { createMask, type Mask } from '../core/image.js';
import type { Rng } from './random.js';
import { holeCountRange, type HoleCountRange, type RatioRange } from './ratio-range.js';
import { stampStroke } from './stroke.js';
import { MovingStroke } from './video-moving-stroke.js';

export interface VideoFreeFormClipOptions {
  readonly width: number;
  readonly height: number;
  /** Number of frames (masks) of the clip. */
  readonly frames: number;
  /** Accepted hole ratio of every frame, `[min, max]`. */
  readonly ratio: RatioRange;
  readonly rng: Rng;
}

/** Strokes tried for the first frame before it is left to the brush scale to reach the range. */
const strokeAttempts = 200;
/** Size factor of the next stroke after one that overshoots the range, as in freeFormMask. */
const shrinkAfterOvershoot = 0.7;
/** Range of the common brush scale the per-frame fit may use, and the widest brush it may draw. */
const minScale = 0.2;
const maxScale = 5;
const maxBrushShare = 0.35;
/** Bisection steps of the brush-scale search: 2^-16 of the scale range is far below a pixel. */
const fitSteps = 16;

/**
 * One clip of free-form hole masks (1 = hole) whose strokes move and deform from frame to frame
 * (see MovingStroke). The first frame's strokes are added one at a time until its hole ratio
 * reaches the range, a stroke that overshoots being undone and retried smaller. From then on the
 * same strokes move; as they cross each other or graze the edges the hole grows and shrinks, so
 * each frame refits one brush scale common to all strokes, starting from the previous frame's
 * and changing it only as far as the range needs: widths drift smoothly rather than jump. Every
 * frame's ratio lies in the range unless even the extreme scales cannot reach it (then the
 * nearest is used); the tests count how often that happens. A single ratio (min = max) asks for
 * one exact pixel count, which a brush scale often steps over: frames then miss it by a pixel or
 * two. Masks are made one at a time.
 */
export function* videoFreeFormClip(options: VideoFreeFormClipOptions): Generator<Mask, void, undefined> {
  const { width, height, frames, ratio, rng } = options;
  const range = holeCountRange(ratio, width * height);
  const canvas = new Canvas(width, height);
  const strokes = firstFrameStrokes(rng, canvas, range);
  let scale = 1;
  for (let frame = 0; frame < frames; frame++) {
    if (frame > 0) for (const s of strokes) s.advance();
    scale = fitScale(canvas, strokes, range, scale);
    canvas.draw(strokes, scale);
    yield createMask(width, height, canvas.data.slice());
  }
}

/** A reusable drawing surface: each draw clears it and stamps every stroke at one brush scale. */
class Canvas {
  readonly data: Uint8Array;
  readonly maxBrush: number;

  constructor(readonly width: number, readonly height: number) {
    this.data = new Uint8Array(width * height);
    this.maxBrush = Math.max(1, maxBrushShare * Math.min(width, height));
  }

  /** Draws the strokes and returns the number of hole pixels. */
  draw(strokes: readonly MovingStroke[], scale: number): number {
    this.data.fill(0);
    let holes = 0;
    for (const s of strokes) {
      const stroke = s.stroke(scale);
      holes += stampStroke(this.data, this.width, this.height, { ...stroke, width: Math.min(stroke.width, this.maxBrush) }, 1);
    }
    return holes;
  }
}

/** Strokes for the first frame, added until the hole reaches the range at scale 1 (or attempts run out). */
function firstFrameStrokes(rng: Rng, canvas: Canvas, range: HoleCountRange): MovingStroke[] {
  const strokes: MovingStroke[] = [];
  let holes = 0;
  let size = 1;
  for (let attempt = 0; attempt < strokeAttempts && holes < range.lo; attempt++) {
    const candidate = new MovingStroke(rng, canvas.width, canvas.height, size);
    const withCandidate = canvas.draw([...strokes, candidate], 1);
    if (withCandidate <= range.hi) {
      strokes.push(candidate);
      holes = withCandidate;
    } else {
      size *= shrinkAfterOvershoot;
    }
  }
  // A frame needs a hole: keep the last candidate's kind if nothing fitted at all.
  if (strokes.length === 0) strokes.push(new MovingStroke(rng, canvas.width, canvas.height, size));
  return strokes;
}

/**
 * The brush scale nearest `previous` whose hole count lies in the range: `previous` itself when
 * it still fits, else the first scale towards the needed side where the hole reaches the range,
 * found by bisection. The hole only grows with the scale (each stroke's capsules widen), which
 * makes the bisection sound.
 */
function fitScale(canvas: Canvas, strokes: readonly MovingStroke[], range: HoleCountRange, previous: number): number {
  const count = (scale: number) => canvas.draw(strokes, scale);
  const now = count(previous);
  if (now >= range.lo && now <= range.hi) return previous;
  const growing = now < range.lo;
  // Short of the range: too small a hole while growing, too large while shrinking.
  const isShort = (holes: number) => (growing ? holes < range.lo : holes > range.hi);
  const limit = growing ? maxScale : minScale;
  const atLimit = count(limit);
  if (isShort(atLimit)) return limit;
  // `short` stays where the range is not reached yet, `reached` where it is (or is passed).
  let short = previous, reached = limit, reachedCount = atLimit;
  for (let i = 0; i < fitSteps; i++) {
    const mid = (short + reached) / 2;
    const c = count(mid);
    if (isShort(c)) short = mid;
    else {
      reached = mid;
      reachedCount = c;
    }
  }
  if (miss(reachedCount, range) === 0) return reached;
  // No scale lands inside (a range narrower than one step of the hole): take the nearer side.
  return miss(count(short), range) < miss(reachedCount, range) ? short : reached;
}

function miss(holes: number, range: HoleCountRange): number {
  return holes < range.lo ? range.lo - holes : holes > range.hi ? holes - range.hi : 0;
}
