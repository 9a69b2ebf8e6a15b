import type { Mask } from '../core/image.js';
import { createFlowPool } from '../classical/flow/flow-pool.js';
import { dilateMask } from '../io/dilate-mask.js';
import { readFrames } from '../io/video/read-frames.js';
import { trackMasks, type TrackMasksOptions } from '../segmentation/track-masks.js';

export interface TrackClipMasksOptions extends Omit<TrackMasksOptions, 'flow'> {
  /** Grow each tracked mask by this many pixels (disk), to cover the object's halo. @default 0 */
  readonly dilate?: number;
  readonly onNote?: (message: string) => void;
}

/**
 * The masks of a clip on disk (a video file or a folder of frames), one per frame, tracked from
 * the key frames' masks with optical flow computed on worker threads. The frames stream from the
 * file; the pool of flow workers lives as long as the stream.
 */
export async function* trackClipMasks(path: string, keys: ReadonlyMap<number, Mask>, options: TrackClipMasksOptions = {}): AsyncGenerator<Mask> {
  const pool = createFlowPool();
  try {
    const frames = readFrames(path, { onNote: options.onNote });
    for await (const mask of trackMasks(frames, keys, { ...options, flow: (from, to) => pool.flow(from, to) })) {
      yield dilateMask(mask, options.dilate ?? 0);
    }
  } finally {
    await pool.close();
  }
}
