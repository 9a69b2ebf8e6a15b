/**
 * A run of the toolkit's frames and masks through CPNet's official loop (video-loop.ts) at the
 * frames' own size (the network pads to multiples of 8 itself; the official test resizes its
 * frames to 424x240 first, which is the caller's to do). The result is written to bytes as the
 * official test writes its frames: times 255, truncated.
 */
import { createImage, type Image, type Mask } from '../../core/image.js';
import { imageToTensor, maskToTensor, tidy, type Tensor } from '../../torch/index.js';
import type { CPNet } from './cpnet.js';
import { fillRun } from './video-loop.js';

export function fillCPNetWindow(net: CPNet, frames: readonly Image[], masks: readonly Mask[]): Image[] {
  return tidy(() => fillRun(net, frames.map((frame) => imageToTensor(frame)), masks.map(maskToTensor)).map(truncatedImage));
}

/** [1,3,H,W] in [0,1] to bytes as numpy's `(x * 255).astype(np.uint8)` on float32. */
function truncatedImage(t: Tensor): Image {
  const [, , height, width] = t.shape;
  const planar = t.contiguous().toArray() as Float32Array;
  const plane = width * height;
  const rgb = new Uint8Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < plane; i++) rgb[3 * i + c] = Math.min(255, Math.max(0, Math.floor(Math.fround(planar[c * plane + i] * 255))));
  }
  return createImage(width, height, rgb);
}
