/**
 * One window of frames through FFVI as the official test run does it (train.py -od with a dataset
 * config; data_loader/dataset.py and trainer/trainer.py): frames at the test size (320x180 in the
 * released configs) in [0, 1], the mask 1 = valid, input = frames x mask, the generator over all
 * the window's frames at once, the output clamped to [0, 1] and made bytes by truncation
 * (torchvision's ToPILImage: `mul(255).byte()`). Frames of another size are resized to the test
 * size and the fill back to theirs (the pipeline pastes the known pixels back).
 */
import { createImage, type Image, type Mask } from '../../core/image.js';
import { imageToTensor, maskToTensor, noGrad, stack, tidy, type Tensor } from '../../torch/index.js';
import { enlargeImage, shrinkImage, shrinkMask } from '../common/resample.js';
import type { FfviModel } from './model.js';

export type FfviFillOptions = {
  /** The size the network runs at, multiples of 4 (the official `w` and `h`). */
  readonly width: number;
  readonly height: number;
};

/** The released configs' test size. */
export const ffviTestSize = { width: 320, height: 180 } as const;

/** The official test run's frames from its inputs: [1, 3, L, H, W] and [1, 1, L, H, W] (1 = valid). */
export function ffviForward(model: FfviModel, frames: Tensor, valid: Tensor): Tensor {
  return model.call(frames.mul(valid), valid).clamp(0, 1);
}

export function ffviFillWindow(model: FfviModel, frames: readonly Image[], masks: readonly Mask[], options: FfviFillOptions): Image[] {
  const { width, height } = options;
  const filled = noGrad(() =>
    tidy(() => {
      const pixels = stack(frames.map((frame) => imageToTensor(resized(frame, width, height))), 2);
      const valid = stack(masks.map((mask) => maskToTensor(shrinkMask(mask, width, height)).neg().add(1)), 2);
      return ffviForward(model, pixels, valid);
    }),
  );
  try {
    return truncatedFrames(filled).map((frame, i) => resized(frame, frames[i].width, frames[i].height));
  } finally {
    filled.dispose();
  }
}

/** Down by box averaging, up bilinearly; unchanged at the same size. */
function resized(image: Image, width: number, height: number): Image {
  if (image.width === width && image.height === height) return image;
  return width <= image.width && height <= image.height ? shrinkImage(image, width, height) : enlargeImage(image, width, height);
}

/** [1, 3, L, H, W] in [0, 1] to L images, each value times 255 truncated as ToPILImage does. */
function truncatedFrames(video: Tensor): Image[] {
  const [, , length, height, width] = video.shape;
  const values = video.toArray() as Float32Array;
  const plane = width * height;
  return Array.from({ length }, (_, t) => {
    const rgb = new Uint8Array(plane * 3);
    for (let c = 0; c < 3; c++) {
      const start = (c * length + t) * plane;
      for (let i = 0; i < plane; i++) rgb[i * 3 + c] = Math.floor(values[start + i] * 255);
    }
    return createImage(width, height, rgb);
  });
}
