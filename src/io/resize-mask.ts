import { checkMask } from '../core/check-arguments.js';
import { createMask, type Mask } from '../core/image.js';

/** Nearest-neighbour resize: a hole stays a hole, no grey levels appear. */
export function resizeMaskNearest(mask: Mask, width: number, height: number): Mask {
  checkMask(mask, 'mask');
  const out = createMask(width, height);
  const xs = new Int32Array(width);
  for (let x = 0; x < width; x++) xs[x] = Math.min(mask.width - 1, Math.floor(((x + 0.5) * mask.width) / width));
  for (let y = 0; y < height; y++) {
    const sy = Math.min(mask.height - 1, Math.floor(((y + 0.5) * mask.height) / height));
    const source = sy * mask.width;
    const target = y * width;
    for (let x = 0; x < width; x++) out.data[target + x] = mask.data[source + xs[x]];
  }
  return out;
}
