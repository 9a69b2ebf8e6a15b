/**
 * From the clip as it arrives (8-bit RGB frames of any size, 0/1 masks) to what internal learning
 * works on, and back. The frames are resized to the working size (the official code crops and
 * resizes every frame to 192x384; we cannot crop, as every pixel of the hole must be filled, so
 * the aspect may change a little) and kept as 8-bit BGR planes, as the official code reads them
 * with cv2: the whole clip must stay resident (the network trains on every frame), so it is held
 * at a byte a value and turned to floats a batch at a time. A working pixel is a hole where any of
 * the full-size pixels it covers is one, so no undefined hole pixel becomes a target. Flow targets
 * come from our DIS optical flow (the official code runs PWC-Net) on the working frames with their
 * holes filled smoothly first, so the flow near a hole does not match whatever the hole held.
 */
import { createImage, type Image, type Mask } from '../../core/image.js';
import { disFlow } from '../../classical/flow/dis-flow.js';
import type { GrayPlane } from '../../classical/flow/gray-pyramid.js';
import { harmonicFill } from '../../classical/smooth-fill.js';
import { F, noGrad, tensor, tidy, type Tensor } from '../../torch/index.js';

export interface WorkingSize {
  readonly width: number;
  readonly height: number;
}

/** The clip at the working size, one array a frame. */
export interface WorkingClip extends WorkingSize {
  /** [3 * height * width] a frame: the B, G, R planes, 0..255. */
  readonly frames: Uint8Array[];
  /** [height * width] a frame, 1 = hole. */
  readonly masks: Uint8Array[];
}

/**
 * The working size for frames of that size: the longer side `longSide` (never larger than the
 * frames' own), the other in proportion,
 * both rounded to a multiple of 2^depth (the generator halves them depth times; the official
 * 192x384 is such a size) and at least the generator's minimum.
 */
export function workingSize(width: number, height: number, longSide: number, depth: number, minimum: number): WorkingSize {
  const unit = 2 ** depth;
  const round = (side: number): number => Math.max(Math.ceil(minimum / unit) * unit, Math.round(side / unit) * unit);
  const scale = Math.min(1, longSide / Math.max(width, height));
  return { width: round(width * scale), height: round(height * scale) };
}

/** frame -> BGR planes at the working size (bilinear, as area-like at these ratios), rounded to bytes. */
export function workingFrame(frame: Image, size: WorkingSize): Uint8Array {
  const n = frame.width * frame.height;
  const planes = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) planes[(2 - c) * n + i] = frame.rgb[3 * i + c]!;
  }
  const resized = tidy(() => F.interpolate(tensor(planes, [1, 3, frame.height, frame.width]), { size: [size.height, size.width], mode: 'bilinear', alignCorners: false })
    .toArray() as Float32Array);
  return Uint8Array.from(resized, (v) => Math.min(255, Math.max(0, Math.round(v))));
}

/** mask -> [h * w] at the working size, 1 where any covered full-size pixel is a hole. */
export function workingMask(mask: Mask, size: WorkingSize): Uint8Array {
  const grown = tidy(() => {
    const full = tensor(Float32Array.from(mask.data), [1, 1, mask.height, mask.width]);
    const covered = F.interpolate(full, { size: [size.height, size.width], mode: 'bilinear', alignCorners: false });
    // Bilinear weights reach a neighbour only partly: grow by a pixel so every touched pixel counts.
    return F.maxPool2d(covered.gt(0).to({ dtype: 'float32' }), 3, { stride: 1, padding: 1 }).toArray() as Float32Array;
  });
  return Uint8Array.from(grown);
}

/** Frames `indices` of the clip as [n, 3, h, w] floats in [0, 1] (BGR). */
export function framesTensor(clip: WorkingClip, indices: readonly number[]): Tensor {
  const size = 3 * clip.width * clip.height;
  const values = new Float32Array(indices.length * size);
  indices.forEach((t, k) => {
    const frame = clip.frames[t]!;
    for (let i = 0; i < size; i++) values[k * size + i] = frame[i]! / 255;
  });
  return tensor(values, [indices.length, 3, clip.height, clip.width]);
}

/** Masks `indices` of the clip as [n, 1, h, w] floats, 1 = hole. */
export function masksTensor(clip: WorkingClip, indices: readonly number[]): Tensor {
  const size = clip.width * clip.height;
  const values = new Float32Array(indices.length * size);
  indices.forEach((t, k) => values.set(clip.masks[t]!, k * size));
  return tensor(values, [indices.length, 1, clip.height, clip.width]);
}

/** Gray planes (0..255) of the working frames with their holes filled harmonically. */
export function filledGray(clip: WorkingClip): GrayPlane[] {
  const { width, height } = clip;
  const n = width * height;
  return clip.frames.map((frame, t) => {
    const gray = new Float32Array(n);
    for (let i = 0; i < n; i++) gray[i] = 0.114 * frame[i]! + 0.587 * frame[n + i]! + 0.299 * frame[2 * n + i]!;
    harmonicFill(gray, clip.masks[t]!, width, height, 1);
    return { width, height, data: gray };
  });
}

/** The DIS flow from plane `from` to plane `to`, [1, 2, h, w]. */
export function flowTensor(planes: readonly GrayPlane[], from: number, to: number): Tensor {
  const { width, height, data } = disFlow(planes[from]!, planes[to]!);
  const planar = new Float32Array(2 * width * height);
  for (let i = 0; i < width * height; i++) {
    planar[i] = data[2 * i]!;
    planar[width * height + i] = data[2 * i + 1]!;
  }
  return tensor(planar, [1, 2, height, width]);
}

/** A generated working frame [3, h, w] BGR in [0, 1] -> an RGB Image of the clip's size (bilinear). */
export function toImage(generated: Tensor, width: number, height: number): Image {
  const planes = noGrad(() => tidy(() =>
    F.interpolate(generated.unsqueeze(0), { size: [height, width], mode: 'bilinear', alignCorners: false }).toArray() as Float32Array));
  const n = width * height;
  const rgb = new Uint8Array(3 * n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) rgb[3 * i + c] = Math.min(255, Math.max(0, Math.round(planes[(2 - c) * n + i]! * 255)));
  }
  return createImage(width, height, rgb);
}
