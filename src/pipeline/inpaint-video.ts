import { MaskCoversEverythingError, throwIfCancelled } from '../core/errors.js';
import { holeCount, type Image, type Mask } from '../core/image.js';
import type { ProgressCallback } from '../registry/method.js';
import { defaultVideoMethodId, getVideoMethod } from '../methods.js';
import { parseOptions } from '../registry/parse-options.js';
import type { ImageFiller } from '../registry/video-method.js';
import { inpaintImage } from './inpaint-image.js';
import { zipFramesAndMasks } from './zip-frames.js';

export interface InpaintVideoOptions {
  /** Registered video method id. @default the first video method */
  readonly method?: string;
  /** The method's options; validated against its schema, defaults filled in. */
  readonly options?: Record<string, unknown>;
  /**
   * Options of the image methods the video method calls on, by method id: a network's weights,
   * e.g. `{ deepfillv2: { weights: 'generator.safetensors' } }`. Others run with their defaults.
   */
  readonly imageOptions?: Readonly<Record<string, Record<string, unknown>>>;
  /** Number of frames, when known, for progress. */
  readonly frameCount?: number;
  /** Fraction of the clip done (frames written over frames), with a stage label. */
  readonly onProgress?: ProgressCallback;
  readonly signal?: AbortSignal;
}

/**
 * Fills the holes of a clip (mask i, 1 = hole, goes with frame i). Frames stream in and out:
 * memory is what the method's window holds, not the clip. Known pixels come back bit-identical.
 */
export async function* inpaintVideo(
  frames: AsyncIterable<Image>,
  masks: AsyncIterable<Mask>,
  opts: InpaintVideoOptions = {},
): AsyncGenerator<Image> {
  const method = getVideoMethod(opts.method ?? defaultVideoMethodId);
  const options = parseOptions(method, opts.options);
  throwIfCancelled(opts.signal);

  // The method reads its own copies of the streams; the originals are kept (a window's worth)
  // to paste known pixels back and to check each output against its input.
  const pending: { frame: Image; mask: Mask }[] = [];
  const checked = (async function* () {
    for await (const { frame, mask } of zipFramesAndMasks(frames, masks)) {
      if (holeCount(mask) === mask.width * mask.height) throw new MaskCoversEverythingError(mask.width, mask.height);
      pending.push({ frame, mask });
      yield { frame, mask };
    }
  })();
  const { methodFrames, methodMasks } = split(checked);
  const inpainter = method.create(options);
  let written = 0;
  // The method may tell of work between frames (a window's optical flow); with the written
  // frames, that makes two sources: only what moves the bar forward is passed on.
  let shown = 0;
  const onProgress: ProgressCallback = (fraction, stage) => {
    if (fraction <= shown) return;
    shown = Math.min(1, fraction);
    opts.onProgress?.(shown, stage);
  };
  try {
    const fillImage: ImageFiller = (image, mask, imageMethod, context) =>
    inpaintImage(image, mask, { method: imageMethod, options: opts.imageOptions?.[imageMethod], signal: context.signal, onProgress: context.onProgress });
  const context = { signal: opts.signal, frameCount: opts.frameCount, onProgress, fillImage };
  for await (const filled of inpainter.inpaint(methodFrames, methodMasks, context)) {
      throwIfCancelled(opts.signal);
      const source = pending.shift();
      if (!source) throw new Error(`video method ${method.id} returned more frames than it was given`);
      yield pasteKnown(source.frame, source.mask, filled);
      written++;
      if (opts.frameCount) onProgress(written / opts.frameCount, `frame ${written}/${opts.frameCount}`);
    }
  } finally {
    // Ending early (cancel, an error, a consumer that stops) must stop the readers too (an ffmpeg
    // decoding the clip): the method's split streams do not pass return() on to the source.
    await checked.return(undefined);
  }
  if (pending.length > 0) throw new Error(`video method ${method.id} returned ${written} frames for a longer clip`);
  onProgress(1, 'done');
}

/**
 * Two streams over one source of {frame, mask} pairs. Each pair is read from the source when the
 * method asks for its frame; the mask stream serves the masks of frames already read, and reads
 * ahead when asked first.
 */
function split(source: AsyncGenerator<{ frame: Image; mask: Mask }>): {
  methodFrames: AsyncIterable<Image>;
  methodMasks: AsyncIterable<Mask>;
} {
  const frameQueue: Image[] = [];
  const maskQueue: Mask[] = [];
  let done = false;
  const pull = async (): Promise<boolean> => {
    if (done) return false;
    const next = await source.next();
    if (next.done) {
      done = true;
      return false;
    }
    frameQueue.push(next.value.frame);
    maskQueue.push(next.value.mask);
    return true;
  };
  const stream = <T>(queue: T[]): AsyncIterable<T> => ({
    async *[Symbol.asyncIterator]() {
      for (;;) {
        // Both streams may pull at once: a pull that finds the end may still see the other's pair.
        while (queue.length === 0) {
          if (!(await pull()) && queue.length === 0) return;
        }
        yield queue.shift()!;
      }
    },
  });
  return { methodFrames: stream(frameQueue), methodMasks: stream(maskQueue) };
}

function pasteKnown(source: Image, mask: Mask, filled: Image): Image {
  if (filled.width !== source.width || filled.height !== source.height) {
    throw new Error(`a video method returned a ${filled.width}x${filled.height} frame for ${source.width}x${source.height}`);
  }
  const rgb = source.rgb.slice();
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    rgb[i * 3] = filled.rgb[i * 3];
    rgb[i * 3 + 1] = filled.rgb[i * 3 + 1];
    rgb[i * 3 + 2] = filled.rgb[i * 3 + 2];
  }
  return { width: source.width, height: source.height, rgb };
}
