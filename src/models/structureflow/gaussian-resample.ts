/**
 * StructureFlow's Gaussian sampling (`Resample2d` of RenYurui/StructureFlow, its CUDA op
 * resample2d_package), through our native op `resample2d` (src/native/resample2d.cc): each output
 * pixel is the mean of a k x k window of input taps around (x + dx, y + dy), with clamped indices,
 * weighted by a separable Gaussian of their distance. The flow is in pixels of the input.
 * Differentiable in both the input and the flow (the exact gradient of the forward).
 */
import { loadNative, nn, Tensor } from '../../torch/index.js';
import { ShapeCheck } from '../common/check-shape.js';

/** [B,C,H,W] sampled at the flow [B,2,h,w] (dx, dy): [B,C,h,w]. */
export function gaussianResample(input: Tensor, flow: Tensor, kernelSize: number, sigma: number, dilation = 1): Tensor {
  new ShapeCheck('gaussianResample').check('input', input, ['B', 'C', 'H', 'W']).check('flow', flow, ['B', 2, 'h', 'w']);
  return new Tensor(loadNative().resample2d(input.native, flow.native, kernelSize, dilation, sigma));
}

/** `Resample2d(kernel_size, dilation, sigma)`: no state (sigma is not saved in the official files). */
export class GaussianResample extends nn.Module<[Tensor, Tensor], Tensor> {
  constructor(readonly kernelSize: number, readonly dilation: number, readonly sigma: number) {
    super();
  }

  forward(input: Tensor, flow: Tensor): Tensor {
    return gaussianResample(input, flow, this.kernelSize, this.sigma, this.dilation);
  }
}
