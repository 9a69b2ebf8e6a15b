/**
 * DFC-Net's input and output as the official inference prepares them (dataset/FlowInitial.py
 * `FlowSeq` in test mode, tools/test_scripts.py `test_initial_stage`, tools/propagation_inpaint.py
 * via utils/flow.py `flow_tf`):
 * - each flow is resized (bilinear) to the network's size, half the flow's (video_inpaint.py sets
 *   IMAGE_SHAPE = RES_SHAPE = img_size // 2), clipped to +-the flow's own width/height and scaled
 *   to the new size's pixels;
 * - its mask (1 = flow unknown) is resized nearest;
 * - the flow is zeroed in the hole, then the hole pre-filled (INITIAL_HOLE): at half that size
 *   (flow and mask both bilinear; any mask value > 0 is hole), Laplace region fill, resized back;
 * - 11 of them make the 33 channels [u, v, mask] x 11; the network's output replaces the middle
 *   flow in its hole;
 * - the completed flow is resized back to the flow's size, each axis scaled to its pixels.
 */
import type { Mask } from '../../core/image.js';
import type { FlowField } from '../../classical/flow/flow-field.js';
import { createFlowField } from '../../classical/flow/flow-field.js';
import { tensor, type Tensor } from '../../torch/index.js';
import { resizeLinear, resizeNearest, type Planes } from './cv-resize.js';
import { regionFill } from './region-fill.js';

/** One flow of a stack, ready for the network: the masked, pre-filled flow and the mask. */
export interface PreparedFlow {
  readonly flow: Planes;
  readonly mask: Planes;
}

/** The network's size for flows of this size. */
export function networkSize(field: { width: number; height: number }): { width: number; height: number } {
  return { width: Math.floor(field.width / 2), height: Math.floor(field.height / 2) };
}

/** A flow at the network's size, clipped to +-its own width/height and in the new size's pixels (`FlowSeq._flow_tf`). */
export function networkFlow(field: FlowField): Planes {
  const { width, height } = networkSize(field);
  const flow = resizeLinear({ width: field.width, height: field.height, channels: 2, data: Float64Array.from(field.data) }, width, height);
  for (let i = 0; i < width * height; i++) {
    flow.data[2 * i] = clamp(flow.data[2 * i], field.width) / field.width * width;
    flow.data[2 * i + 1] = clamp(flow.data[2 * i + 1], field.height) / field.height * height;
  }
  return flow;
}

export function prepareFlow(field: FlowField, unknown: Mask): PreparedFlow {
  const flow = networkFlow(field);
  const { width, height } = flow;
  const mask = resizeNearest({ width: unknown.width, height: unknown.height, channels: 1, data: Float64Array.from(unknown.data) }, width, height);

  const half = { width: Math.floor(width / 2), height: Math.floor(height / 2) };
  const small = resizeLinear(flow, half.width, half.height);
  const smallMask = resizeLinear(mask, half.width, half.height);
  const hole = Uint8Array.from(smallMask.data, (m) => (m > 0 ? 1 : 0));
  const plane = new Float64Array(half.width * half.height);
  for (let c = 0; c < 2; c++) {
    for (let i = 0; i < plane.length; i++) plane[i] = small.data[2 * i + c];
    regionFill(plane, half.width, half.height, hole);
    for (let i = 0; i < plane.length; i++) small.data[2 * i + c] = plane[i];
  }
  const filled = resizeLinear(small, width, height);
  for (let i = 0; i < width * height; i++) {
    const m = mask.data[i];
    for (let c = 0; c < 2; c++) flow.data[2 * i + c] = flow.data[2 * i + c] * (1 - m) + m * filled.data[2 * i + c];
  }
  return { flow, mask };
}

function clamp(value: number, limit: number): number {
  return value < -limit ? -limit : value > limit ? limit : value;
}

/** The network input [1, 33, H, W] of a stack of 11 prepared flows, oldest first. */
export function stackTensor(stack: readonly PreparedFlow[]): Tensor {
  const { width, height } = stack[0].mask;
  const area = width * height;
  const data = new Float32Array(3 * stack.length * area);
  stack.forEach((item, k) => {
    for (let i = 0; i < area; i++) {
      data[(3 * k) * area + i] = item.flow.data[2 * i];
      data[(3 * k + 1) * area + i] = item.flow.data[2 * i + 1];
      data[(3 * k + 2) * area + i] = item.mask.data[i];
    }
  });
  return tensor(data, [1, 3 * stack.length, height, width]);
}

/**
 * The network's output [1, 2, H, W] in the middle flow's hole, that flow elsewhere, at the
 * network's size (what test_initial_stage writes), interleaved.
 */
export function compositeFlow(output: Tensor, middle: PreparedFlow): Planes {
  const { width, height } = middle.mask;
  const area = width * height;
  const res = output.contiguous().toArray() as Float32Array;
  const data = new Float64Array(2 * area);
  for (let i = 0; i < area; i++) {
    const m = middle.mask.data[i];
    for (let c = 0; c < 2; c++) data[2 * i + c] = res[c * area + i] * m + middle.flow.data[2 * i + c] * (1 - m);
  }
  return { width, height, channels: 2, data };
}

/** A flow at the network's size back at `field`'s size, in its pixels (utils/flow.py flow_tf). */
export function restoreFlow(flow: Planes, field: { width: number; height: number }): FlowField {
  const resized = resizeLinear(flow, field.width, field.height);
  const sx = field.width / flow.width, sy = field.height / flow.height;
  const out = new Float32Array(resized.data.length);
  for (let i = 0; i < out.length; i += 2) {
    out[i] = resized.data[i] * sx;
    out[i + 1] = resized.data[i + 1] * sy;
  }
  return createFlowField(field.width, field.height, out);
}
