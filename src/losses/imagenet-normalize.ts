/**
 * torchvision's ImageNet normalisation, (x − mean) / std per RGB channel, for an image in [0,1].
 * NVIDIA's VGG16PartialLoss applies it inside the loss; naoto0804's dataset applies it to the
 * network's input, so its loss network sees normalised images; LBAM, PRVS, EdgeConnect and
 * StructureFlow feed their images to VGG as they are.
 */
import { tensor, type Tensor } from '../torch/index.js';

export const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
export const IMAGENET_STD = [0.229, 0.224, 0.225] as const;

/** [B,3,H,W] in [0,1], RGB order -> ImageNet-normalised. */
export function imagenetNormalize(x: Tensor): Tensor {
  const mean = tensor([...IMAGENET_MEAN], [1, 3, 1, 1]).to({ device: x.device });
  const std = tensor([...IMAGENET_STD], [1, 3, 1, 1]).to({ device: x.device });
  return x.sub(mean).div(std);
}
