/**
 * DFC-Net's training samples from clips: which flows make the stack (a stand-in estimator that
 * tells the frames apart), the masks, the target; and our DIS flow on a panning texture gives the
 * camera's motion at the network's (half) size.
 */
import { expect, it } from 'vitest';
import { clipFlowStacks } from '../../../src/models/dfcnet/clip-flow-stacks.js';
import { createFlowField } from '../../../src/classical/flow/flow-field.js';
import { tensor, tidy, type Tensor } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';

const size = 32;
const frames = 12;

/** Clips [B, T, 3, S, S] from a pixel function of (clip, frame, x, y), grey. */
function clip(clips: number, value: (b: number, t: number, x: number, y: number) => number): Tensor {
  const data = new Float32Array(clips * frames * 3 * size * size);
  for (let b = 0; b < clips; b++) for (let t = 0; t < frames; t++) for (let c = 0; c < 3; c++) {
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) data[(((b * frames + t) * 3 + c) * size + y) * size + x] = value(b, t, x, y);
  }
  return tensor(data, [clips, frames, 3, size, size]);
}

/** A box hole that moves right one pixel a frame, per clip a different row. */
function holes(clips: number): Tensor {
  const data = new Float32Array(clips * frames * size * size);
  for (let b = 0; b < clips; b++) for (let t = 0; t < frames; t++) {
    for (let y = 8 + 4 * b; y < 18 + 4 * b; y++) for (let x = 6 + t; x < 16 + t; x++) data[((b * frames + t) * size + y) * size + x] = 1;
  }
  return tensor(data, [clips, frames, 1, size, size]);
}

const at = (values: Float32Array, channels: number, b: number, c: number, x: number, y: number, side: number): number =>
  values[((b * channels + c) * side + y) * side + x];

describeWithEngine('DFC-Net training stacks from clips', () => {
  it('the 11 forward flows of the clip in order, each with its frame\'s hole (nearest, half size), the middle one as the target', () => {
    tidy(() => {
      // Frame t is a uniform grey of t/20; the stand-in flow from frame t is (t, -t) px.
      const estimate = (from: { width: number; height: number; data: Float32Array }) => {
        const t = Math.round(from.data[0] / 255 * 20);
        return createFlowField(from.width, from.height, new Float32Array(2 * from.width * from.height).map((_, i) => (i % 2 === 0 ? t : -t)));
      };
      const mask = holes(2);
      const { input, target, hole } = clipFlowStacks(clip(2, (_, t) => t / 20), mask, estimate);
      const half = size / 2;
      expect(input.shape).toEqual([2, 33, half, half]);
      expect(target.shape).toEqual([2, 2, half, half]);
      expect(hole.shape).toEqual([2, 1, half, half]);
      const x = input.toArray() as Float32Array, m = mask.toArray() as Float32Array;
      for (let b = 0; b < 2; b++) {
        for (let k = 0; k < 11; k++) {
          // In pixels of the half-size network input; the hole pre-filled from the uniform flow around it.
          for (const [px, py] of [[1, 1], [7, 6 + 2 * b], [14, 12]]) {
            expect(at(x, 33, b, 3 * k, px, py, half)).toBeCloseTo(k / 2, 4);
            expect(at(x, 33, b, 3 * k + 1, px, py, half)).toBeCloseTo(-k / 2, 4);
            expect(at(x, 33, b, 3 * k + 2, px, py, half)).toBe(m[((b * frames + k) * size + 2 * py) * size + 2 * px]);
          }
        }
      }
      const y = target.toArray() as Float32Array;
      expect([at(y, 2, 1, 0, 3, 3, half), at(y, 2, 1, 1, 3, 3, half)]).toEqual([2.5, -2.5]);
      expect(hole.toArray()).toEqual(input.narrow(1, 17, 1).toArray());
    });
  });

  it('our DIS flow of a texture panning (1, 0.5) px a frame: the target averages (-0.5, -0.25) at half size (the scene moves against the camera)', () => {
    tidy(() => {
      const texture = (x: number, y: number) => 0.5 + 0.2 * Math.sin(x * 0.7 + Math.cos(y * 0.4)) + 0.2 * Math.cos(y * 0.55 - 0.3 * x);
      const { target } = clipFlowStacks(clip(1, (_, t, x, y) => texture(x + t, y + 0.5 * t)), holes(1));
      // The scene moves left and up as the window pans right and down: flow (-1, -0.5), halved.
      const inner = target.narrow(2, 3, 10).narrow(3, 3, 10);
      expect(inner.narrow(1, 0, 1).mean().item()).toBeCloseTo(-0.5, 1);
      expect(inner.narrow(1, 1, 1).mean().item()).toBeCloseTo(-0.25, 1);
    });
  });
});
