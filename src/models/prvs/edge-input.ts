/**
 * The edge map PRVS is fed, as its dataset.py computes it: scikit-image's `canny(rgb2gray(img),
 * sigma=2)` on the whole 8-bit photo (hole included: the test script masks the edges afterwards),
 * through our scikit-image-exact Canny (src/classical/canny/).
 */
import { canny } from '../../classical/canny/canny.js';
import { skimageGray } from '../../classical/canny/skimage-gray.js';
import { cat, tensor, type Tensor } from '../../torch/index.js';

export const CANNY_SIGMA = 2;

/** [B,1,H,W] of 0/1 from [B,3,H,W] pixels in [0,1] (8-bit values divided by 255). */
export function cannyEdges(pixels: Tensor): Tensor {
  const [batch, , height, width] = pixels.shape;
  const plane = height * width;
  const values = pixels.contiguous().toArray() as Float32Array;
  const maps: Tensor[] = [];
  for (let b = 0; b < batch; b++) {
    const rgb = new Uint8Array(plane * 3);
    const offset = b * 3 * plane;
    for (let i = 0; i < plane; i++) {
      for (let c = 0; c < 3; c++) rgb[3 * i + c] = Math.min(255, Math.max(0, Math.round(values[offset + c * plane + i] * 255)));
    }
    const edges = canny(skimageGray({ width, height, rgb }), width, height, { sigma: CANNY_SIGMA });
    maps.push(tensor(Float32Array.from(edges), [1, 1, height, width]));
  }
  return batch === 1 ? maps[0] : cat(maps, 0);
}
