import { throwIfCancelled } from '../../core/errors.js';
import { clampByte, createImage, type Image, type Mask } from '../../core/image.js';
import type { RunContext } from '../../registry/method.js';
import { harmonicFill } from '../smooth-fill.js';
import { correctLowFrequencies } from './low-frequency.js';
import type { PatchMatchOptions } from './method.js';
import { hasSourcePatch, PatchField } from './nnf.js';
import { autoLevelCount, buildPyramid, type Level } from './pyramid.js';
import { withTextureFeatures } from './texture-features.js';
import { voteBest, voteWeighted } from './vote.js';

/** Texture features are the mean absolute gradient over this radius (a 5x5 window). */
const FEATURE_WINDOW_RADIUS = 2;
/** Random-search radius (pixels) at the levels above the coarsest. */
const FINE_SEARCH_RADIUS = 16;

/**
 * Exemplar-based inpainting (Wexler et al. 2007 with PatchMatch search, Barnes et al. 2009):
 * coarse to fine, alternate finding for every patch touching the hole its nearest known patch
 * (compared on colour and texture features, Newson et al. 2014) and rebuilding the hole from
 * those patches. The last rebuild takes each pixel from its best patch only, so texture is
 * copied, not averaged away.
 */
export async function patchMatchInpaint(
  image: Image,
  mask: Mask,
  options: PatchMatchOptions,
  context: RunContext,
): Promise<Image> {
  const { width, height } = image;
  const colours: Level = { width, height, channels: 3, data: knownColours(image, mask.data), hole: mask.data };
  const levelCount = options.levels || autoLevelCount(mask.data, width, height, options.patchSize);
  const usable = usableLevels(buildPyramid(colours, levelCount), options.patchSize);
  if (usable.length === 0) {
    // No complete known patch anywhere (an image smaller than a patch, or a hole that leaves no
    // whole patch): there is nothing to copy, so diffuse the surrounding colours instead.
    harmonicFill(colours.data, colours.hole, width, height, 3);
    context.onProgress?.(1, 'diffusion (no whole known patch to copy from)');
    return toImage(colours);
  }
  const pyramid = usable.map((level) =>
    options.textureWeight > 0 ? withTextureFeatures(level, options.textureWeight, FEATURE_WINDOW_RADIUS) : level,
  );

  const coarsest = pyramid[pyramid.length - 1];
  harmonicFill(coarsest.data, coarsest.hole, coarsest.width, coarsest.height, coarsest.channels);

  const work = pyramid.map((l) => l.width * l.height);
  const totalWork = work.reduce((a, b) => a + b, 0) * options.iterations;
  let done = 0;
  let previous: PatchField | null = null;
  for (let l = pyramid.length - 1; l >= 0; l--) {
    const field = new PatchField(pyramid[l], options.patchSize, options.seed + l);
    if (previous) {
      field.upsampleFrom(previous);
      voteWeighted(field, true);
    } else {
      field.randomize();
    }
    field.refreshDistances();
    // Above the coarsest level the upsampled matches are already good: search near them only.
    const searchRadius = previous ? FINE_SEARCH_RADIUS : Infinity;
    for (let i = 0; i < options.iterations; i++) {
      const lastOfLevel = i === options.iterations - 1;
      field.search(i % 2 === 1, searchRadius);
      if (l === 0 && lastOfLevel) voteBest(field);
      else voteWeighted(field);
      if (!lastOfLevel) field.refreshDistances();
      done += work[l];
      context.onProgress?.(done / totalWork, `level ${pyramid.length - l} of ${pyramid.length}`);
      await yieldToEventLoop();
      throwIfCancelled(context.signal);
    }
    previous = field;
  }

  const finest = pyramid[0];
  if (options.colourCorrection > 0) {
    correctLowFrequencies(finest, knownColours(image, mask.data), options.colourCorrection);
  }
  return toImage(finest);
}

/**
 * The finest levels up to the first one too small to hold a patch or with no fully known patch to
 * copy from; empty when the finest level has none. Checked from the finest up: halving erases thin
 * strokes, so a coarse level can have sources that a finer one lacks.
 */
function usableLevels(pyramid: Level[], patchSize: number): Level[] {
  let n = 0;
  while (n < pyramid.length) {
    const level = pyramid[n];
    if (!hasSourcePatch(level.hole, level.width, level.height, patchSize)) break;
    n++;
  }
  return pyramid.slice(0, n);
}

/** The image as interleaved floats, hole pixels zeroed so that nothing reads their input values. */
function knownColours(image: Image, hole: Uint8Array): Float32Array {
  const out = new Float32Array(image.rgb.length);
  for (let i = 0; i < hole.length; i++) {
    if (hole[i]) continue;
    out[i * 3] = image.rgb[i * 3];
    out[i * 3 + 1] = image.rgb[i * 3 + 1];
    out[i * 3 + 2] = image.rgb[i * 3 + 2];
  }
  return out;
}

function toImage(level: Level): Image {
  const n = level.width * level.height;
  const C = level.channels;
  const rgb = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    rgb[i * 3] = clampByte(level.data[i * C]);
    rgb[i * 3 + 1] = clampByte(level.data[i * C + 1]);
    rgb[i * 3 + 2] = clampByte(level.data[i * C + 2]);
  }
  return createImage(level.width, level.height, rgb);
}

/** setTimeout, not Node's setImmediate: the page's browser worker runs patchmatch too. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
