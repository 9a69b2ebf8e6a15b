/**
 * Running a DeepFill v2 generator on an Image and Mask, as the port's `infer` prepares them: pixels
 * to [-1, 1], hole zeroed, input = [image, ones, mask], the refined stage's output in the hole.
 * Sizes that are not multiples of 8 are padded (edge pixels repeated, marked known) and cropped back.
 */
import { throwIfCancelled } from '../../core/errors.js';
import type { Image, Mask } from '../../core/image.js';
import { cat, F, imageToTensor, maskToTensor, noGrad, tensorToImage, tidy, type Tensor } from '../../torch/index.js';
import type { DeepFillGenerator } from './generator.js';

/** What the network works on: multiples of 8 (three halvings). */
const GRID = 8;

export function fillWithGenerator(generator: DeepFillGenerator, image: Image, mask: Mask, signal?: AbortSignal): Image {
  throwIfCancelled(signal);
  return noGrad(() => tidy(() => {
    const padRight = (GRID - (image.width % GRID)) % GRID;
    const padBottom = (GRID - (image.height % GRID)) % GRID;
    const pixels = padTo(imageToTensor(image, { signed: true }), padRight, padBottom, 'replicate');
    const hole = padTo(maskToTensor(mask), padRight, padBottom, 'constant');
    const refined = generator.call(networkInput(pixels, hole), hole).refined;
    const filled = refined.mul(hole).add(pixels.mul(hole.neg().add(1)));
    return tensorToImage(filled.narrow(2, 0, image.height).narrow(3, 0, image.width).contiguous(), { signed: true });
  }));
}

/** [image * (1 - mask), ones, mask]: the generator's 5-channel input (image in [-1, 1]). */
export function networkInput(pixels: Tensor, hole: Tensor): Tensor {
  const kept = pixels.mul(hole.neg().add(1));
  const ones = hole.mul(0).add(1);
  return cat([kept, ones.expand(kept.shape[0], 1, kept.shape[2], kept.shape[3]), hole.expand(kept.shape[0], 1, kept.shape[2], kept.shape[3])], 1);
}

function padTo(x: Tensor, right: number, bottom: number, mode: 'replicate' | 'constant'): Tensor {
  return right === 0 && bottom === 0 ? x : F.pad(x, [0, right, 0, bottom], { mode });
}
