/**
 * The toolkit's Image and Mask as the networks take them: planar float32 [1,C,H,W] tensors.
 * Pixel values map to [0, 1], or to [-1, 1] with `signed` (DeepFill's convention).
 */
import { createImage, type Image, type Mask } from '../core/image.js';
import { InvalidInputError } from '../core/errors.js';
import { tensor } from './creation.js';
import type { Tensor } from './tensor.js';

export interface PixelRangeOptions {
  /** Map bytes to [-1, 1] instead of [0, 1]. @default false */
  signed?: boolean;
}

/** Image (interleaved RGB bytes) -> float32 [1,3,H,W]. The alpha channel is not carried. */
export function imageToTensor(image: Image, options: PixelRangeOptions = {}): Tensor {
  const { width, height, rgb } = image;
  const plane = width * height;
  const [scale, offset] = options.signed ? [2 / 255, -1] : [1 / 255, 0];
  const planar = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    planar[i] = rgb[3 * i] * scale + offset;
    planar[plane + i] = rgb[3 * i + 1] * scale + offset;
    planar[2 * plane + i] = rgb[3 * i + 2] * scale + offset;
  }
  return tensor(planar, [1, 3, height, width]);
}

/** Mask (1 = hole) -> float32 [1,1,H,W], 1 in the hole and 0 elsewhere. */
export function maskToTensor(mask: Mask): Tensor {
  const values = new Float32Array(mask.data.length);
  for (let i = 0; i < values.length; i++) values[i] = mask.data[i] !== 0 ? 1 : 0;
  return tensor(values, [1, 1, mask.height, mask.width]);
}

/** float32 [1,3,H,W] or [3,H,W] -> Image; values outside the range are clamped, then rounded. */
export function tensorToImage(t: Tensor, options: PixelRangeOptions = {}): Image {
  const shape = t.shape;
  const planarShape = shape.length === 4 && shape[0] === 1 ? shape.slice(1) : shape;
  if (t.dtype !== 'float32' || planarShape.length !== 3 || planarShape[0] !== 3) {
    throw new InvalidInputError('tensorToImage', 'a float32 tensor of shape [1,3,H,W] or [3,H,W]',
      `${t.dtype} [${shape.join(',')}]`);
  }
  const [, height, width] = planarShape;
  const planar = t.toArray() as Float32Array;
  const plane = width * height;
  const [scale, offset] = options.signed ? [127.5, 1] : [255, 0];
  const rgb = new Uint8Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < plane; i++) {
      const value = Math.round((planar[c * plane + i] + offset) * scale);
      rgb[3 * i + c] = value < 0 ? 0 : value > 255 ? 255 : value;
    }
  }
  return createImage(width, height, rgb);
}
