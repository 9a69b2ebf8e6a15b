import { InvalidInputError, SizeMismatchError } from '../core/errors.js';
import type { Image, Mask } from '../core/image.js';
import { decodeFile } from '../io/decode.js';
import { readImage } from '../io/read-image.js';
import type { EvalPair } from './pairs.js';

/** Grey level above which a mask pixel is hole, as the scorer's `cv2.imread(mask, 0) > 127`. */
const HOLE_THRESHOLD = 127;

/** The ground truth (RGB; an alpha channel is dropped, as OpenCV's reader does) and its hole mask. */
export async function readEvalPair(pair: EvalPair): Promise<{ truth: Image; mask: Mask }> {
  const [image, mask] = await Promise.all([readImage(pair.imagePath), readEvalMask(pair.maskPath)]);
  const truth: Image = { width: image.width, height: image.height, rgb: image.rgb };
  if (mask.width !== truth.width || mask.height !== truth.height) {
    throw new SizeMismatchError(`mask ${pair.maskPath}`, truth, mask, `it is paired with ${pair.imagePath}`);
  }
  return { truth, mask };
}

async function readEvalMask(path: string): Promise<Mask> {
  const pixels = await decodeFile(path);
  const { width, height, channels, data } = pixels;
  const hole = new Uint8Array(width * height);
  let holes = 0;
  for (let i = 0; i < hole.length; i++) {
    const j = i * channels;
    // 8-bit luminance, as OpenCV reads a colour file in grey (the benchmark's masks are grey anyway).
    const grey = Math.round(0.299 * data[j] + 0.587 * data[j + 1] + 0.114 * data[j + 2]);
    hole[i] = grey > HOLE_THRESHOLD ? 1 : 0;
    holes += hole[i];
  }
  if (holes === 0) throw new InvalidInputError(path, 'a mask with at least one hole pixel (grey above 127)', 'an empty mask');
  return { width, height, data: hole };
}
