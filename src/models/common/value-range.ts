/**
 * Images and masks to a network's tensors and back, per its description: the value range and the
 * mask convention are where published networks differ and a mistake fails silently, so they are
 * converted here once, from data.
 */
import type { Image, Mask } from '../../core/image.js';
import { imageToTensor, maskToTensor, tensor, tensorToImage, type Tensor } from '../../torch/index.js';
import type { MaskConvention, ValueRange } from './network.js';

/** torchvision's ImageNet statistics, over [0,1]. */
const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
const IMAGENET_STD = [0.229, 0.224, 0.225] as const;

/** [1,3,H,W] in the network's value range. */
export function imageToNetwork(image: Image, range: ValueRange): Tensor {
  switch (range.kind) {
    case '[0,1]':
      return imageToTensor(image);
    case '[-1,1]':
      return imageToTensor(image, { signed: true });
    case 'imagenet':
      return imageToTensor(image).sub(channels(IMAGENET_MEAN)).div(channels(IMAGENET_STD));
    case 'mean-subtracted':
      return imageToTensor(image).mul(255).sub(channels(range.mean));
  }
}

/** The image a [1,3,H,W] tensor in the network's value range shows (clamped, rounded). */
export function imageFromNetwork(pixels: Tensor, range: ValueRange): Image {
  switch (range.kind) {
    case '[0,1]':
      return tensorToImage(pixels);
    case '[-1,1]':
      return tensorToImage(pixels, { signed: true });
    case 'imagenet':
      return tensorToImage(pixels.mul(channels(IMAGENET_STD)).add(channels(IMAGENET_MEAN)));
    case 'mean-subtracted':
      return tensorToImage(pixels.add(channels(range.mean)).div(255));
  }
}

/** [1,1,H,W]: the hole as the network marks it. */
export function maskToNetwork(mask: Mask, convention: MaskConvention): Tensor {
  const hole = maskToTensor(mask);
  return convention === '1 = hole' ? hole : hole.neg().add(1);
}

/** A [1,3,1,1] tensor of per-channel values. */
function channels(values: readonly [number, number, number]): Tensor {
  return tensor(Float32Array.from(values), [1, 3, 1, 1]);
}
