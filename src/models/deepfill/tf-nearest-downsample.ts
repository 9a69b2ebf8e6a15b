/**
 * Nearest-neighbour downsampling by an integer factor as TensorFlow's resize with
 * align_corners=True picks pixels (which the official contextual attention uses): output i reads
 * input round(i * (in - 1) / (out - 1)), not PyTorch's nearest (floor(i * in / out)).
 * Done as two products with 0/1 selection matrices, which pick values exactly and carry gradients.
 */
import { tensor, type Tensor } from '../../torch/index.js';

/** The source index of each output position, computed in float32 as torch.linspace does. */
export function alignedNearestIndices(inSize: number, outSize: number): number[] {
  const start = 0;
  const end = inSize - 1;
  if (outSize === 1) return [0];
  const step = Math.fround((end - start) / (outSize - 1));
  const halfway = Math.floor(outSize / 2);
  const indices: number[] = [];
  for (let i = 0; i < outSize; i++) {
    // linspace's CPU kernel counts from the start for the first half and from the end for the rest.
    const value = i < halfway ? Math.fround(start + Math.fround(step * i)) : Math.fround(end - Math.fround(step * (outSize - i - 1)));
    indices.push(Math.floor(Math.fround(value + 0.5)));
  }
  return indices;
}

/** x [N,C,H,W] -> [N,C,floor(H/n),floor(W/n)]. */
export function tfNearestDownsample(x: Tensor, n: number): Tensor {
  const [height, width] = x.shape.slice(-2);
  const outHeight = Math.floor(height / n);
  const outWidth = Math.floor(width / n);
  const rows = new Float32Array(outHeight * height);
  alignedNearestIndices(height, outHeight).forEach((source, i) => (rows[i * height + source] = 1));
  const columns = new Float32Array(width * outWidth);
  alignedNearestIndices(width, outWidth).forEach((source, j) => (columns[source * outWidth + j] = 1));
  return tensor(rows, [outHeight, height]).matmul(x).matmul(tensor(columns, [width, outWidth]));
}
