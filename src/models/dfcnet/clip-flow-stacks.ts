/**
 * DFC-Net's stage-1 training samples from clips, as tools/train_initial.py gets them from
 * dataset/FlowInitial.py `FlowSeq` (get_mask, INITIAL_HOLE): the forward flows between consecutive
 * frames of the complete clip are the ground truth (the paper's are FlowNet2's; here our DIS flow);
 * each flow gets its frame's hole and is prepared as at inference (flow-stack.ts: halved, masked,
 * pre-filled); the 11 flows around the clip's middle one make the 33-channel input, and that
 * middle flow, unmasked, is the target in its hole.
 */
import { createMask, fromFloatPlanes } from '../../core/image.js';
import { disFlow } from '../../classical/flow/dis-flow.js';
import type { FlowField } from '../../classical/flow/flow-field.js';
import { toGray, type GrayPlane } from '../../classical/flow/gray-pyramid.js';
import { cat, tensor, type Tensor } from '../../torch/index.js';
import type { Planes } from './cv-resize.js';
import { networkFlow, prepareFlow, stackTensor } from './flow-stack.js';
import { stackIndices, stackLength } from './stack-indices.js';

/** Frames a clip needs for one stack without repeating a flow: 11 flows. */
export const framesPerStack = stackLength + 1;

export interface FlowStackBatch {
  /** [B, 33, S/2, S/2]: [u, v, mask] x 11, the flows masked and pre-filled. */
  readonly input: Tensor;
  /** [B, 2, S/2, S/2]: the middle flow at the network's size, unmasked. */
  readonly target: Tensor;
  /** [B, 1, S/2, S/2]: the middle flow's hole, 1 = hole. */
  readonly hole: Tensor;
}

/** How a flow between two frames is estimated; DIS by default (a test may give another). */
export type FlowEstimator = (from: GrayPlane, to: GrayPlane) => FlowField;

/**
 * One stack per clip: `image` [B, T, 3, S, S] RGB in [0, 1] and `mask` [B, T, 1, S, S] (1 = hole),
 * the stack of the middle forward flow (clamped to the clip as at inference when T < 12).
 */
export function clipFlowStacks(image: Tensor, mask: Tensor, estimate: FlowEstimator = disFlow): FlowStackBatch {
  const [clips, frames, channels, height, width] = image.shape;
  if (image.dim !== 5 || channels !== 3 || frames < 2) {
    throw new RangeError(`DFC-Net training takes clips [B, T >= 2, 3, S, S], not [${image.shape.join(', ')}]`);
  }
  const pixels = image.mul(255).contiguous().toArray() as Float32Array;
  const holes = mask.contiguous().toArray() as Float32Array;
  const area = width * height;
  const samples = Array.from({ length: clips }, (_, b) => {
    const gray = (t: number) => toGray(fromFloatPlanes(width, height, pixels.subarray((b * frames + t) * 3 * area, (b * frames + t + 1) * 3 * area)));
    const hole = (t: number) => createMask(width, height, Uint8Array.from(holes.subarray((b * frames + t) * area, (b * frames + t + 1) * area), (m) => (m > 0.5 ? 1 : 0)));
    const flowCount = frames - 1;
    const middle = Math.floor((flowCount - 1) / 2);
    const indices = stackIndices(middle, flowCount);
    const fields = new Map<number, FlowField>();
    const field = (t: number) => fields.get(t) ?? fields.set(t, estimate(gray(t), gray(t + 1))).get(t)!;
    const stack = indices.map((t) => prepareFlow(field(t), hole(t)));
    const centre = stack[(stackLength - 1) / 2];
    return {
      input: stackTensor(stack),
      target: planesTensor(networkFlow(field(middle))),
      hole: planesTensor(centre.mask),
    };
  });
  return {
    input: cat(samples.map((s) => s.input)),
    target: cat(samples.map((s) => s.target)),
    hole: cat(samples.map((s) => s.hole)),
  };
}

/** Interleaved planes as a [1, C, H, W] tensor. */
function planesTensor({ width, height, channels, data }: Planes): Tensor {
  const area = width * height;
  const out = new Float32Array(channels * area);
  for (let i = 0; i < area; i++) for (let c = 0; c < channels; c++) out[c * area + i] = data[i * channels + c];
  return tensor(out, [1, channels, height, width]);
}
