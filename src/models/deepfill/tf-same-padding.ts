/**
 * TensorFlow's "SAME" padding, which the official DeepFill v2 weights were trained with: the
 * total padding is split with the extra pixel after (bottom/right), so a stride-2 convolution on
 * an even size pads (0, 1), unlike PyTorch's symmetric padding.
 */
import { F, type Tensor } from '../../torch/index.js';

/** [left, right, top, bottom] as TensorFlow computes them. */
export function tfSamePads(height: number, width: number, kernel: number, stride: number, rate: number): [number, number, number, number] {
  const extent = (kernel - 1) * rate + 1;
  const along = (size: number): number => Math.max((Math.ceil(size / stride) - 1) * stride + extent - size, 0);
  const vertical = along(height);
  const horizontal = along(width);
  const top = vertical >> 1;
  const left = horizontal >> 1;
  return [left, horizontal - left, top, vertical - top];
}

/** x zero-padded as TensorFlow's SAME would before a kernel x kernel window. */
export function tfSamePad(x: Tensor, kernel: number, stride: number, rate: number): Tensor {
  const [height, width] = x.shape.slice(-2);
  const pads = tfSamePads(height, width, kernel, stride, rate);
  return pads.every((p) => p === 0) ? x : F.pad(x, pads);
}

/**
 * conv2d with SAME padding: symmetric padding is left to the convolution itself (no padded copy),
 * only the asymmetric case pads explicitly first. Same values either way.
 */
export function tfSameConv2d(x: Tensor, weight: Tensor, bias: Tensor | null, stride: number, rate: number): Tensor {
  const [height, width] = x.shape.slice(-2);
  const kernel = weight.shape[2];
  const [left, right, top, bottom] = tfSamePads(height, width, kernel, stride, rate);
  if (left === right && top === bottom) {
    return F.conv2d(x, weight, bias, { stride, dilation: rate, padding: [top, left] });
  }
  return F.conv2d(F.pad(x, [left, right, top, bottom]), weight, bias, { stride, dilation: rate });
}
