import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { InvalidInputError, InvalidOptionError, SizeMismatchError } from '../../core/errors.js';
import type { Image, Mask } from '../../core/image.js';
import { dilateMask } from '../dilate-mask.js';
import { maskFromPixels } from '../mask-from-pixels.js';
import { readMask } from '../read-mask.js';
import { resizeMaskNearest } from '../resize-mask.js';
import type { FfmpegOptions } from './ffmpeg.js';
import { listNumberedFrames, numberingGap, type NumberedFrame } from './frame-folder.js';
import { probeVideo } from './probe-video.js';
import { readFrames } from './read-frames.js';

export interface VideoMaskOptions extends FfmpegOptions {
  /** Size of the video's frames. */
  readonly width: number;
  readonly height: number;
  /** Number of frames of the video: the source yields exactly this many masks. */
  readonly frameCount: number;
  /** Grow each frame's hole by this many pixels (disk), after any resize. @default 0 */
  readonly dilate?: number;
  /** Swap hole and known. @default false */
  readonly invert?: boolean;
  /** Resize masks of another size (nearest neighbour) instead of refusing them. @default false */
  readonly resize?: boolean;
  /**
   * The numbers of the frames (a frame folder's, VideoSource.frameNumbers): a folder of masks is
   * then paired with them by number. Left out, masks go with frames in order.
   */
  readonly frameNumbers?: readonly number[];
  /** Called once for each distinct interpretation (soft mask thresholded, resized, ...). */
  readonly onNote?: (message: string) => void;
}

/** Extensions read as one mask image for every frame; anything else that is a file is a mask video. */
const imageExtensions = new Set(['.png', '.jpg', '.jpeg', '.webp', '.tif', '.tiff', '.bmp']);

/**
 * Opens the hole masks (1 = hole) of a video, one per frame, from one image (the same mask for
 * every frame), a folder of numbered per-frame masks, or a mask video (white = hole, thresholded
 * at 50%). Counts and sizes are checked here, before any frame is inpainted, where they can be.
 */
export async function openVideoMask(source: string, options: VideoMaskOptions): Promise<AsyncGenerator<Mask>> {
  const { frameCount } = options;
  if (!Number.isInteger(frameCount) || frameCount < 1) {
    throw new InvalidOptionError('frameCount', 'an integer >= 1', frameCount);
  }
  const notes = onceEach(options.onNote);
  const readOptions = { ...options, onNote: notes, size: options, dilate: options.dilate ?? 0 };
  const info = await stat(source).catch(() => null);
  if (!info) throw new InvalidInputError(source, 'a mask image, a folder of masks or a mask video', 'no such file or folder');

  if (info.isDirectory()) {
    const masks = await listNumberedFrames(source);
    if (masks.length !== frameCount) throw countMismatch(source, frameCount, masks.length);
    if (options.frameNumbers) pairByNumber(source, masks, options.frameNumbers, notes);
    const files = masks.map((mask) => mask.path);
    return (async function* () {
      for (const file of files) yield await readMask(file, readOptions);
    })();
  }
  if (imageExtensions.has(extname(source).toLowerCase())) {
    const mask = await readMask(source, readOptions);
    return (async function* () {
      for (let i = 0; i < frameCount; i++) yield mask;
    })();
  }
  const video = await probeVideo(source, options);
  if (video.frameCount !== undefined && video.frameCount !== frameCount) {
    throw countMismatch(source, frameCount, video.frameCount);
  }
  if ((video.width !== options.width || video.height !== options.height) && !options.resize) {
    throw sizeMismatch(source, options, video);
  }
  return maskVideoFrames(source, { ...options, onNote: notes });
}

async function* maskVideoFrames(source: string, options: VideoMaskOptions): AsyncGenerator<Mask> {
  let count = 0;
  for await (const frame of readFrames(source, options)) {
    if (++count > options.frameCount) throw countMismatch(source, options.frameCount, `more than ${options.frameCount}`);
    yield frameToMask(frame, source, options);
  }
  if (count !== options.frameCount) throw countMismatch(source, options.frameCount, count);
}

function frameToMask(frame: Image, source: string, options: VideoMaskOptions): Mask {
  const { rgb } = frame;
  // Lossy video leaves black at 0 or 1: without this, a black frame with a few 1s would pass
  // for a 0/1 mask and read those pixels as holes.
  for (let i = 0; i < rgb.length; i++) if (rgb[i] === 1) rgb[i] = 0;
  let mask = maskFromPixels(
    { width: frame.width, height: frame.height, channels: 3, hasAlpha: false, data: rgb },
    { invert: options.invert ?? false, onNote: options.onNote },
    source,
  );
  if (mask.width !== options.width || mask.height !== options.height) {
    options.onNote?.(`${source} is ${mask.width}x${mask.height}: resized to ${options.width}x${options.height} (nearest neighbour)`);
    mask = resizeMaskNearest(mask, options.width, options.height);
  }
  return dilateMask(mask, options.dilate ?? 0);
}

/**
 * Checks that a folder of masks goes with the frames by number: mask 10 with frame 10, whatever
 * gaps either numbering has. Two gap-free numberings from different starts (frames from 1, masks
 * from 0) are paired in order, with a note; any other difference is refused, naming the first
 * frame without its mask.
 */
function pairByNumber(source: string, masks: readonly NumberedFrame[], frameNumbers: readonly number[], onNote?: (message: string) => void): void {
  if (masks.every((mask, i) => mask.number === frameNumbers[i])) return;
  if (numberingGap(frameNumbers) === undefined && numberingGap(masks.map((mask) => mask.number)) === undefined) {
    onNote?.(`masks in ${source} are numbered from ${masks[0].number} and frames from ${frameNumbers[0]}: paired in order`);
    return;
  }
  const numbered = new Set(masks.map((mask) => mask.number));
  const unmatched = frameNumbers.find((number) => !numbered.has(number));
  throw new InvalidInputError(`mask ${source}`, `a mask numbered ${unmatched} for frame ${unmatched} (masks go with frames by number)`, 'none');
}

function countMismatch(source: string, expected: number, received: number | string): InvalidInputError {
  return new InvalidInputError(`mask ${source}`, `${expected} masks, one per video frame`, `${received}`);
}

function sizeMismatch(source: string, expected: { width: number; height: number }, received: { width: number; height: number }): SizeMismatchError {
  return new SizeMismatchError(
    `mask ${source}`,
    expected,
    received,
    'Use --resize-mask (resize: true) to scale it to the video, nearest neighbour',
  );
}

/** Passes each distinct note on once: a per-frame note would otherwise repeat for every frame. */
function onceEach(onNote: ((message: string) => void) | undefined): ((message: string) => void) | undefined {
  if (!onNote) return undefined;
  const seen = new Set<string>();
  return (message) => {
    if (seen.has(message)) return;
    seen.add(message);
    onNote(message);
  };
}
