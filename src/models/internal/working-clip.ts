/**
 * From the clip as it arrives (8-bit RGB frames of any size, 0/1 masks) to what internal learning
 * works on, and back. The frames are resized to the working size (the official code crops and
 * resizes every frame to 192x384; we cannot crop, as every pixel of the hole must be filled, so
 * the aspect may change a little), BGR in [0, 1] as the official code reads them with cv2. A
 * working pixel is a hole where any of the full-size pixels it covers is one, so no undefined hole
 * pixel becomes a target. Flow targets come from our DIS optical flow (the official code runs
 * PWC-Net) on the working frames with their holes filled smoothly first, so the flow near a hole
 * does not match whatever the hole held.
 */
import { createImage, type Image, type Mask } from '../../core/image.js';
import { disFlow } from '../../classical/flow/dis-flow.js';
import type { GrayPlane } from '../../classical/flow/gray-pyramid.js';
import { harmonicFill } from '../../classical/smooth-fill.js';
import { cat, F, noGrad, tensor, tidy, type Tensor } from '../../torch/index.js';
import type { StrideFlows } from './flow-targets.js';

export interface WorkingSize {
  readonly width: number;
  readonly height: number;
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

/** frame -> [1, 3, h, w] BGR in [0, 1] at the working size (bilinear, as area-like at these ratios). */
export function frameTensor(frame: Image, size: WorkingSize): Tensor {
  return tidy(() => {
    const n = frame.width * frame.height;
    const planes = new Float32Array(3 * n);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < 3; c++) planes[(2 - c) * n + i] = frame.rgb[3 * i + c]! / 255;
    }
    const full = tensor(planes, [1, 3, frame.height, frame.width]);
    return F.interpolate(full, { size: [size.height, size.width], mode: 'bilinear', alignCorners: false });
  });
}

/** mask -> [1, 1, h, w], 1 where any covered full-size pixel is a hole. */
export function maskTensor(mask: Mask, size: WorkingSize): Tensor {
  return tidy(() => {
    const full = tensor(Float32Array.from(mask.data), [1, 1, mask.height, mask.width]);
    const covered = F.interpolate(full, { size: [size.height, size.width], mode: 'bilinear', alignCorners: false });
    // Bilinear weights reach a neighbour only partly: grow by a pixel so every touched pixel counts.
    return F.maxPool2d(covered.gt(0).to({ dtype: 'float32' }), 3, { stride: 1, padding: 1 });
  });
}

/** Gray planes (0..255) of the working frames [T, 3, h, w] BGR with their holes filled harmonically. */
function filledGray(frames: Tensor, masks: Tensor): GrayPlane[] {
  const [count, , height, width] = frames.shape as [number, number, number, number];
  const n = width * height;
  const values = frames.toArray() as Float32Array;
  const holes = masks.toArray() as Float32Array;
  return Array.from({ length: count }, (_, t) => {
    const gray = new Float32Array(n);
    const hole = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const base = t * 3 * n;
      gray[i] = 255 * (0.114 * values[base + i]! + 0.587 * values[base + n + i]! + 0.299 * values[base + 2 * n + i]!);
      hole[i] = holes[t * n + i]! > 0 ? 1 : 0;
    }
    harmonicFill(gray, hole, width, height, 1);
    return { width, height, data: gray };
  });
}

function flowTensor(planes: GrayPlane[], from: number, to: number): Tensor {
  const { width, height, data } = disFlow(planes[from]!, planes[to]!);
  const planar = new Float32Array(2 * width * height);
  for (let i = 0; i < width * height; i++) {
    planar[i] = data[2 * i]!;
    planar[width * height + i] = data[2 * i + 1]!;
  }
  return tensor(planar, [1, 2, height, width]);
}

/**
 * DIS flows between working frames `s` apart for each stride, forward and backward. Calls
 * `onPair` after each pair (for progress); strides the clip is too short for are left out.
 */
export function estimateFlows(frames: Tensor, masks: Tensor, strides: readonly number[], onPair: () => void): Map<number, StrideFlows> {
  const planes = filledGray(frames, masks);
  const flows = new Map<number, StrideFlows>();
  for (const s of strides) {
    const pairs = planes.length - s;
    if (pairs < 1) continue;
    const forward: Tensor[] = [];
    const backward: Tensor[] = [];
    for (let i = 0; i < pairs; i++) {
      forward.push(flowTensor(planes, i, i + s));
      backward.push(flowTensor(planes, i + s, i));
      onPair();
    }
    flows.set(s, tidy(() => ({ forward: cat(forward, 0), backward: cat(backward, 0) })));
    for (const t of [...forward, ...backward]) t.dispose();
  }
  return flows;
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
