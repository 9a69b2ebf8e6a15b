import { InvalidOptionError } from '../core/errors.js';
import type { Mask } from '../core/image.js';
import { checkMaskSize } from './mask-size.js';
import { createRng, maxSeed } from './random.js';
import { checkRatioRange, holeCountRange, type RatioRange } from './ratio-range.js';
import { videoFreeFormClip } from './video-free-form.js';

/** Most frames a generated clip may have: an hour at 25 frames a second. */
export const maxVideoMaskFrames = 90_000;

export interface GenerateVideoMasksOptions {
  /** Frame width in pixels, 8..8192. */
  readonly width: number;
  /** Frame height in pixels, 8..8192. */
  readonly height: number;
  /** Frames per clip, 1..90000. */
  readonly frames: number;
  /** How many clips, at least 1. */
  readonly count: number;
  /** Accepted hole ratio of every frame, `[min, max]`, 0 < min <= max < 1. */
  readonly ratio: RatioRange;
  /** Seed of the random sequence, 0..2^32-1: the same options give the same masks. @default 0 */
  readonly seed?: number;
}

/**
 * Yields `count` clips, each a generator of `frames` hole masks (1 = hole) made of free-form
 * strokes that move and deform from frame to frame (see videoFreeFormClip). Every option is
 * checked at the call. Each clip has its own seed drawn from `seed`, so clip i is the same
 * whatever the count and whether or not the clips before it were read; within a clip the masks
 * come one at a time, so a long clip need not sit in memory.
 */
export function generateVideoMasks(options: GenerateVideoMasksOptions): Generator<Generator<Mask, void, undefined>, void, undefined> {
  const { width, height, frames, count, ratio, seed = 0 } = options;
  checkMaskSize(width, height);
  if (!Number.isSafeInteger(frames) || frames < 1 || frames > maxVideoMaskFrames) {
    throw new InvalidOptionError('frames', `integer between 1 and ${maxVideoMaskFrames}`, frames);
  }
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new InvalidOptionError('count', 'integer of at least 1', count);
  }
  checkRatioRange(ratio);
  // Throws when the range holds no whole pixel of a mask this small.
  holeCountRange(ratio, width * height);
  const seeds = createRng(seed);
  return (function* () {
    for (let i = 0; i < count; i++) {
      const clipSeed = Math.floor(seeds.next() * (maxSeed + 1));
      yield videoFreeFormClip({ width, height, frames, ratio, rng: createRng(clipSeed) });
    }
  })();
}
