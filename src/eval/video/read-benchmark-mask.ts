import type { Mask } from '../../core/image.js';
import { decodeFile } from '../../io/decode.js';

/** Grey level above which a mask pixel is hole, as the scorer's `cv2.imread(mask, 0) > 127`. */
const HOLE_THRESHOLD = 127;

/**
 * A benchmark clip's mask for one frame (1 = hole), read as the reference scorer reads it: 8-bit
 * luminance above 127. Unlike an image pair's mask it may be empty: a hole can leave the frame.
 */
export async function readBenchmarkMask(path: string): Promise<Mask> {
  const { width, height, channels, data } = await decodeFile(path);
  const hole = new Uint8Array(width * height);
  for (let i = 0; i < hole.length; i++) {
    const j = i * channels;
    // OpenCV's grey conversion of a colour file; the benchmark's masks are grey anyway.
    const grey = Math.round(0.299 * data[j] + 0.587 * data[j + 1] + 0.114 * data[j + 2]);
    hole[i] = grey > HOLE_THRESHOLD ? 1 : 0;
  }
  return { width, height, data: hole };
}
