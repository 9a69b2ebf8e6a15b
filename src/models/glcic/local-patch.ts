/**
 * Where the local discriminator looks (paper, section 3.3): a square patch of half the image's
 * side around the hole, "centered around the completed region". Per image, the patch is centred
 * on the hole's bounding box and moved inside the image where it would leave it.
 */
import { cat, type Tensor } from '../../torch/index.js';

/** The top-left corner (y, x) of each image's patch, from the mask ([N,1,S,S], 1 = hole). */
export function patchCorners(mask: Tensor): [number, number][] {
  const [count, , size] = mask.shape;
  const side = size / 2;
  const values = mask.toArray() as Float32Array;
  return Array.from({ length: count }, (_, n) => {
    let y0 = size, y1 = -1, x0 = size, x1 = -1;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        if (values[(n * size + y) * size + x] <= 0.5) continue;
        y0 = Math.min(y0, y); y1 = Math.max(y1, y); x0 = Math.min(x0, x); x1 = Math.max(x1, x);
      }
    }
    if (y1 < 0) return [side / 2, side / 2]; // no hole: the centre
    const place = (from: number, to: number): number => Math.min(Math.max(Math.floor((from + to + 1 - side) / 2), 0), size - side);
    return [place(y0, y1), place(x0, x1)];
  });
}

/** The patches of `images` ([N,C,S,S]) at `corners`: [N,C,S/2,S/2]. */
export function cropPatches(images: Tensor, corners: readonly [number, number][]): Tensor {
  const side = images.shape[2] / 2;
  return cat(corners.map(([y, x], n) => images.narrow(0, n, 1).narrow(2, y, side).narrow(3, x, side)), 0);
}
