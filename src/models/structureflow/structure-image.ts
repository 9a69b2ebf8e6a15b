/**
 * The structure image StructureFlow's test takes beside the photo: the relative-total-variation
 * smoothing of the damaged photo, `tsmooth(I_in, 0.015, 3, 0.001, 3, mask)` with
 * I_in = I_gt·(1−mask), written by MATLAB's imwrite as 8 bits (the network is sensitive to single
 * grey levels of it) and read back by the test's loader into [-1,1].
 */
import { tensor, type Tensor } from '../../torch/index.js';
import { relativeTotalVariation } from './relative-total-variation.js';

/** pixels [1,3,H,W] in [-1,1] (from bytes), masks [1,1,H,W] 1 = hole -> the structure image [1,3,H,W] in [-1,1]. */
export function structureImage(pixels: Tensor, masks: Tensor): Tensor {
  const [, channels, height, width] = pixels.shape;
  const n = width * height;
  const values = pixels.contiguous().toArray() as Float32Array;
  const holes = masks.contiguous().toArray() as Float32Array;
  const mask = Uint8Array.from(holes, (m) => (m > 0 ? 1 : 0));
  const planes = Array.from({ length: channels }, (_, c) => Float64Array.from({ length: n }, (_, p) => {
    const byte = Math.round(((values[c * n + p] + 1) * 255) / 2);
    return mask[p] ? 0 : byte / 255;
  }));
  const smooth = relativeTotalVariation({ width, height, planes }, mask);
  const out = new Float32Array(channels * n);
  smooth.planes.forEach((plane, c) => plane.forEach((v, p) => {
    // imwrite's im2uint8: clamp to [0,1], scale, round; then ToTensor and Normalize(0.5, 0.5).
    const byte = Math.round(Math.min(Math.max(v, 0), 1) * 255);
    out[c * n + p] = (byte / 255 - 0.5) / 0.5;
  }));
  return tensor(out, [1, channels, height, width]);
}
