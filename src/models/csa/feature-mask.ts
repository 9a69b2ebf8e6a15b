/**
 * util.py's `cal_feat_mask`: the image mask (1 = hole) at the CSA layer's 1/8 scale, through three
 * 4x4 stride-2 convolutions with every weight 1/16 (zero padding 1), a position being hole where
 * the result exceeds the threshold (opt.threshold = 5/16). With shift_sz 1 and mask_thred 1
 * (`cal_mask_given_mask_thred`) those are exactly the hole flags of the attention.
 */
import { F, full, tidy, type Tensor } from '../../torch/index.js';

export const FEATURE_MASK_THRESHOLD = 5 / 16;

/** The 1/8-scale mask, [1,1,H/8,W/8], 1 = hole, from a [1,1,H,W] mask. */
export function featureMask(mask: Tensor): Tensor {
  return tidy(() => {
    const weight = full([1, 1, 4, 4], 1 / 16);
    let scaled = mask;
    for (let i = 0; i < 3; i++) scaled = F.conv2d(scaled, weight, null, { stride: 2, padding: 1 });
    return scaled.gt(FEATURE_MASK_THRESHOLD).to({ dtype: 'float32' });
  });
}

/** The hole flags of a 1/8-scale mask's positions, in raster order. */
export function holeFlags(scaledMask: Tensor): Uint8Array {
  return Uint8Array.from(scaledMask.toArray() as Float32Array, (value) => (value > 0 ? 1 : 0));
}
