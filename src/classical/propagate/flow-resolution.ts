import type { Mask } from '../../core/image.js';
import { downsample, type GrayPlane } from '../flow/gray-pyramid.js';

/**
 * How many times frames are halved before their optical flow is computed: until the longer side
 * is at most `flowSize` (0: never). Flow at a few hundred pixels carries a hole's content as well
 * as at full size, for a fraction of the time and memory.
 */
export function flowHalvings(width: number, height: number, flowSize: number): number {
  let halvings = 0;
  let side = Math.max(width, height);
  while (flowSize > 0 && side > flowSize) {
    side = (side + 1) >> 1;
    halvings++;
  }
  return halvings;
}

/** A grey plane halved `times` times (blurred, then every second pixel). */
export function shrinkGray(plane: GrayPlane, times: number): GrayPlane {
  let out = plane;
  for (let k = 0; k < times; k++) out = downsample(out);
  return out;
}

/** A mask halved `times` times, a pixel a hole when any pixel it covers is: no hole is lost. */
export function shrinkMask(mask: Mask, times: number): Mask {
  let out = mask;
  for (let k = 0; k < times; k++) {
    const w = (out.width + 1) >> 1, h = (out.height + 1) >> 1;
    const data = new Uint8Array(w * h);
    for (let y = 0; y < out.height; y++) {
      for (let x = 0; x < out.width; x++) {
        if (out.data[y * out.width + x]) data[(y >> 1) * w + (x >> 1)] = 1;
      }
    }
    out = { width: w, height: h, data };
  }
  return out;
}
