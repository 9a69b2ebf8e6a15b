/**
 * Backward warping as the official utils.warp_torch: each pixel of the result reads x at
 * (pixel + flow), bilinear, zero outside, with PyTorch 1.0's grid_sample semantics (the grid is
 * normalised by W-1 and H-1, i.e. align_corners=True, which the authors' code assumed). `inside`
 * is 1 where the bilinear footprint lay wholly inside the frame (a warped ones map >= 0.999).
 */
import { F, noGrad, ones, tensor, type Tensor } from '../../torch/index.js';

/** Sampling grid [N, H, W, 2] in [-1, 1] for the pixel positions moved by flow [N, 2, H, W]. */
function flowGrid(flow: Tensor): Tensor {
  const [n, , h, w] = flow.shape as [number, number, number, number];
  const base = new Float32Array(2 * h * w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      base[y * w + x] = x;
      base[h * w + y * w + x] = y;
    }
  }
  const scale = tensor([2 / Math.max(w - 1, 1), 2 / Math.max(h - 1, 1)], [1, 2, 1, 1]);
  return tensor(base, [1, 2, h, w]).expand(n, 2, h, w).add(flow).mul(scale).sub(1).permute(0, 2, 3, 1);
}

/** Samples x [N, C, H, W] at each pixel plus flow [N, 2, H, W] (x then y, in pixels). */
export function warp(x: Tensor, flow: Tensor): { warped: Tensor; inside: Tensor } {
  const grid = flowGrid(flow);
  const warped = F.gridSample(x, grid, { alignCorners: true });
  const inside = noGrad(() => {
    const coverage = F.gridSample(ones(x.shape), grid, { alignCorners: true });
    return ones(x.shape).sub(coverage.lt(0.999).to({ dtype: 'float32' }));
  });
  return { warped, inside };
}
