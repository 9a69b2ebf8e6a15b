import type { Command } from 'commander';
import type { ReadMaskOptions } from '../io/read-mask.js';
import type { Rgb } from '../io/write-image.js';
import { integerParser, parseColour } from './option-values.js';

export interface MaskFlags {
  /** What transparent pixels are laid over in a JPEG output (`--background`). */
  readonly background?: Rgb;
  readonly maskFromAlpha?: boolean;
  readonly invertMask?: boolean;
  readonly dilate?: number;
  readonly resizeMask?: boolean;
}

/** How to read masks (and, for a JPEG output, what transparency is laid over), shared by `image` and `run`. */
export function addMaskFlags(command: Command): Command {
  return command
    .option('--mask-from-alpha', 'take the hole from the alpha channel: transparent = hole (of the mask file, or of the input when no --mask is given)')
    .option('--invert-mask', 'swap hole and known: black = hole')
    .option('--dilate <pixels>', 'grow the hole by this many pixels (disk-shaped), to cover halos around objects', integerParser('--dilate', 0))
    .option('--resize-mask', 'scale a mask whose size differs from the image (nearest neighbour) instead of refusing it')
    .option('--background <colour>', 'for a JPEG output of an image with transparency: the colour it is laid over (white, black or #RRGGBB; default white)', parseColour);
}

export function maskReadOptions(
  flags: MaskFlags,
  size: { readonly width: number; readonly height: number },
  onNote: (message: string) => void,
): ReadMaskOptions {
  return {
    fromAlpha: flags.maskFromAlpha,
    invert: flags.invertMask,
    dilate: flags.dilate,
    size,
    resize: flags.resizeMask,
    onNote,
  };
}
