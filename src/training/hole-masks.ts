/**
 * Training holes: masks read from a folder when drawn (scaled to the crop, nearest neighbour), or
 * generated: free-form brush strokes, one time in four a rectangle (DeepFill's recipe mixes boxes
 * and strokes too). Both kinds are chosen with the caller's seeded generator.
 */
import type { Mask } from '../core/image.js';
import { readMask } from '../io/read-mask.js';
import { boxMask } from '../masks/box.js';
import { freeFormMask } from '../masks/free-form.js';
import type { Rng } from '../masks/random.js';

export type HoleSource = { readonly kind: 'generated' } | { readonly kind: 'folder'; readonly files: readonly string[] };

/**
 * A hole for a size x size crop. The random choices are made now, from `rng`; only reading a mask
 * file waits, so the sequence of draws does not depend on how fast files are read.
 */
export function drawHole(source: HoleSource, size: number, rng: Rng): Promise<Mask> | Mask {
  if (source.kind === 'folder') {
    return readMask(source.files[rng.int(0, source.files.length - 1)], { size: { width: size, height: size }, resize: true });
  }
  const options = { width: size, height: size, ratio: [0.1, 0.5] as [number, number], rng };
  return rng.next() < 0.25 ? boxMask({ ...options, ratio: [0.1, 0.3] }) : freeFormMask(options);
}
