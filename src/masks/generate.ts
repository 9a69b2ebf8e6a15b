import { InvalidOptionError } from '../core/errors.js';
import type { Mask } from '../core/image.js';
import { boxMask } from './box.js';
import { freeFormMask } from './free-form.js';
import { checkMaskSize } from './mask-size.js';
import { createRng } from './random.js';
import { checkRatioRange, holeCountRange, type RatioRange } from './ratio-range.js';

export const maskKinds = ['free-form', 'box'] as const;
export type MaskKind = (typeof maskKinds)[number];

export interface GenerateMasksOptions {
  /** Brush strokes or one random rectangle. @default 'free-form' */
  readonly kind?: MaskKind;
  /** Mask width in pixels, 8..8192. */
  readonly width: number;
  /** Mask height in pixels, 8..8192. */
  readonly height: number;
  /** How many masks, at least 1. */
  readonly count: number;
  /** Accepted hole ratio `[min, max]`, 0 < min <= max < 1 (see parseRatioRange for text). */
  readonly ratio: RatioRange;
  /** Seed of the random sequence, 0..2^32-1: the same options give the same masks. @default 0 */
  readonly seed?: number;
}

/**
 * Yields `count` random masks (1 = hole). Every option is checked before the first mask is made,
 * so a bad option throws InvalidOptionError at the call, not halfway through a batch. The masks
 * come one at a time so that a large batch need not sit in memory; the first n masks are the same
 * whatever the count.
 */
export function generateMasks(options: GenerateMasksOptions): Generator<Mask, void, undefined> {
  const { kind = 'free-form', width, height, count, ratio, seed = 0 } = options;
  if (!maskKinds.includes(kind)) {
    throw new InvalidOptionError('kind', `one of ${maskKinds.join(', ')}`, kind);
  }
  checkMaskSize(width, height);
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new InvalidOptionError('count', 'integer of at least 1', count);
  }
  checkRatioRange(ratio);
  // Throws when the range holds no whole pixel of a mask this small.
  holeCountRange(ratio, width * height);
  const rng = createRng(seed);
  const makeMask = kind === 'box' ? boxMask : freeFormMask;
  return (function* () {
    for (let i = 0; i < count; i++) yield makeMask({ width, height, ratio, rng });
  })();
}
