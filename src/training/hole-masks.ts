/**
 * Training holes: masks read from a folder when drawn (scaled to the crop, nearest neighbour), or
 * generated: free-form brush strokes, one time in four a rectangle (DeepFill's recipe mixes boxes
 * and strokes too). Both kinds are chosen with the caller's seeded generator. A clip's holes are
 * moving free-form strokes (videoFreeFormClip), or a run of consecutive masks of one mask clip
 * (a folder of them, as `inpaint masks --video` writes).
 */
import type { Mask } from '../core/image.js';
import { readMask } from '../io/read-mask.js';
import { boxMask } from '../masks/box.js';
import { freeFormMask } from '../masks/free-form.js';
import type { Rng } from '../masks/random.js';
import { videoFreeFormClip } from '../masks/video-free-form.js';

export type HoleSource = { readonly kind: 'generated' } | { readonly kind: 'folder'; readonly files: readonly string[] };
/** Clips' holes: generated, or mask clips, each the sorted files of one folder. */
export type HoleClipSource = { readonly kind: 'generated' } | { readonly kind: 'clips'; readonly clips: readonly (readonly string[])[] };

/** Hole ratio range of generated holes, per frame for clips. */
const holeRatio: [number, number] = [0.1, 0.5];

/**
 * A hole for a size x size crop. The random choices are made now, from `rng`; only reading a mask
 * file waits, so the sequence of draws does not depend on how fast files are read.
 */
export function drawHole(source: HoleSource, size: number, rng: Rng): Promise<Mask> | Mask {
  if (source.kind === 'folder') return readMaskScaled(source.files[rng.int(0, source.files.length - 1)], size);
  const options = { width: size, height: size, ratio: holeRatio, rng };
  return rng.next() < 0.25 ? boxMask({ ...options, ratio: [0.1, 0.3] }) : freeFormMask(options);
}

/** A clip's holes, `frames` masks of size x size: the random choices now, the reading later. */
export function drawHoleClip(source: HoleClipSource, size: number, frames: number, rng: Rng): Promise<Mask[]> | Mask[] {
  if (source.kind === 'generated') return [...videoFreeFormClip({ width: size, height: size, frames, ratio: holeRatio, rng })];
  const clip = source.clips[rng.int(0, source.clips.length - 1)];
  const first = rng.int(0, clip.length - frames);
  return Promise.all(clip.slice(first, first + frames).map((file) => readMaskScaled(file, size)));
}

function readMaskScaled(file: string, size: number): Promise<Mask> {
  return readMask(file, { size: { width: size, height: size }, resize: true });
}
