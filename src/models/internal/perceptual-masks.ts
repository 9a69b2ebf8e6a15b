/**
 * The hole masks at the perceptual loss's VGG16 taps (relu1_2, relu2_2, relu3_3), as the official
 * LossNetwork(None) makes them: the mask run through VGG16's layer plan with every 3x3 conv an
 * all-ones kernel, then > 0. Each conv grows the hole by a pixel, each pool halves it, so the
 * features the hole reached through their receptive field are left out of the loss.
 */
import { F, keep, noGrad, ones, tidy, type Tensor } from '../../torch/index.js';

/** Convolutions before each tap, with a 2x2 max pool between taps. */
const CONVS_PER_TAP = [2, 2, 3];

/** masks [N, 1, H, W] -> one [N, 1, h, w] bool mask per tap (true where left out). */
export function perceptualMasks(masks: Tensor): Tensor[] {
  return tidy(() => noGrad(() => {
    const kernel = ones([1, 1, 3, 3]);
    const taps: Tensor[] = [];
    let x = masks;
    CONVS_PER_TAP.forEach((convs, tap) => {
      if (tap > 0) x = F.maxPool2d(x, 2, { stride: 2 });
      for (let i = 0; i < convs; i++) x = F.conv2d(x, kernel, null, { padding: 1 });
      taps.push(keep(x.gt(0)));
    });
    return taps;
  }));
}
