import { createImage, createMask, type Image, type Mask } from '../../../src/core/image.js';
import { textureAt } from '../flow/synthetic.js';

export interface SyntheticClip {
  readonly truth: Image[];
  /** The frames as a method sees them: hole pixels grey. */
  readonly frames: Image[];
  readonly masks: Mask[];
}

/**
 * A textured scene seen by a camera that pans `pan` pixels a frame, with a `size`-pixel square
 * hole whose corner moves `drift` pixels a frame from `start`.
 */
export function syntheticClip(options: {
  width: number;
  height: number;
  frames: number;
  pan: [number, number];
  size: number;
  start: [number, number];
  drift: [number, number];
  seed?: number;
}): SyntheticClip {
  const { width, height } = options;
  const red = textureAt(options.seed ?? 3), green = textureAt((options.seed ?? 3) + 1), blue = textureAt((options.seed ?? 3) + 2);
  const truth: Image[] = [], frames: Image[] = [], masks: Mask[] = [];
  for (let t = 0; t < options.frames; t++) {
    const rgb = new Uint8Array(width * height * 3);
    const mask = createMask(width, height);
    const hx = Math.round(options.start[0] + options.drift[0] * t), hy = Math.round(options.start[1] + options.drift[1] * t);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const sx = x + options.pan[0] * t, sy = y + options.pan[1] * t;
        const i = y * width + x;
        rgb[3 * i] = red(sx, sy);
        rgb[3 * i + 1] = green(sx, sy);
        rgb[3 * i + 2] = blue(sx, sy);
        if (x >= hx && x < hx + options.size && y >= hy && y < hy + options.size) mask.data[i] = 1;
      }
    }
    truth.push(createImage(width, height, rgb));
    const grey = rgb.slice();
    for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) grey.fill(128, 3 * i, 3 * i + 3);
    frames.push(createImage(width, height, grey));
    masks.push(mask);
  }
  return { truth, frames, masks };
}

export async function* stream<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

/** Mean absolute difference over the hole pixels of every frame, 8-bit levels. */
export function holeError(outputs: readonly Image[], clip: SyntheticClip): number {
  let sum = 0, n = 0;
  for (let t = 0; t < outputs.length; t++) {
    const mask = clip.masks[t].data;
    for (let i = 0; i < mask.length; i++) {
      if (!mask[i]) continue;
      for (let c = 0; c < 3; c++) sum += Math.abs(outputs[t].rgb[3 * i + c] - clip.truth[t].rgb[3 * i + c]);
      n += 3;
    }
  }
  return sum / n;
}
