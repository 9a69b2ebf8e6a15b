import { InvalidOptionError } from '../core/errors.js';
import type { Mask } from '../core/image.js';
import { readMask } from '../io/read-mask.js';

/** One `--key N=MASK.png`: the mask drawn on frame N (counted from 0). */
export interface KeyFlag {
  readonly frame: number;
  readonly path: string;
}

/** Commander argument parser for repeatable `--key N=MASK.png`. */
export function collectKeyFlag(text: string, previous: readonly KeyFlag[] = []): KeyFlag[] {
  const match = /^\s*(\d+)\s*=(.+)$/.exec(text);
  if (!match || !Number.isSafeInteger(Number(match[1]))) {
    throw new InvalidOptionError('--key', 'FRAME=MASK, a frame number from 0 and a mask image, such as 0=mask.png', text);
  }
  const frame = Number(match[1]);
  if (previous.some((key) => key.frame === frame)) throw new InvalidOptionError('--key', `one mask for frame ${frame}`, text);
  return [...previous, { frame, path: match[2] }];
}

/**
 * Reads the key masks of a clip of `frameCount` frames of `width` x `height`: each frame number
 * in range, each mask of the clip's size (or resized, when asked), white = object.
 */
export async function readKeyMasks(
  keys: readonly KeyFlag[],
  clip: { readonly width: number; readonly height: number; readonly frameCount: number },
  options: { readonly invert?: boolean; readonly resize?: boolean; readonly onNote?: (message: string) => void } = {},
): Promise<Map<number, Mask>> {
  const masks = new Map<number, Mask>();
  for (const { frame, path } of keys) {
    if (frame >= clip.frameCount) {
      throw new InvalidOptionError('--key', `a frame number from 0 to ${clip.frameCount - 1} (the clip has ${clip.frameCount} frames)`, `${frame}=${path}`);
    }
    masks.set(frame, await readMask(path, { size: clip, resize: options.resize, invert: options.invert, onNote: options.onNote }));
  }
  return masks;
}
