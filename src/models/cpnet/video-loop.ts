/**
 * The official CPNet test loop (CPNet_test.py) over one run of frames: every frame's alignment
 * features first; then two passes, the first from the last frame to the first, the second from
 * the first to the last, each frame filled from references every second frame within 120 of it;
 * a filled frame replaces its input with an empty hole and its features are encoded again, so
 * later frames copy from it. The second pass starts again from the input frames and holes, but
 * not from the input features: those keep the first pass's, as the official loop does. A frame's
 * result is the two passes' fills blended linearly by its index.
 */
import { InvalidInputError } from '../../core/errors.js';
import { noGrad, tensor, tidy, zeros, type Tensor } from '../../torch/index.js';
import type { CPNet } from './cpnet.js';

/** References lie within this many frames of the target (the official `num_length`). */
export const referenceSpan = 120;

/** The official reference indices of frame `target` in a run of `count` frames: every second frame of a span of 240. */
export function referenceIndices(target: number, count: number): number[] {
  let start = target - referenceSpan;
  let end = target + referenceSpan;
  if (start < 0) {
    start = 0;
    end = 2 * referenceSpan > count ? count - 1 : 2 * referenceSpan;
  } else if (end > count) {
    start = Math.max(count - 2 * referenceSpan, 0);
    end = count - 1;
  }
  const indices: number[] = [];
  for (let i = start; i < end; i += 2) if (i !== target) indices.push(i);
  return indices;
}

/**
 * The frames [1,3,H,W] in [0,1] filled in their holes [1,1,H,W] (1 = hole), as the official loop
 * leaves them before writing (the blend of its two passes, in [0,1]). Pixels under the holes are
 * not read: they are set to the ImageNet mean, as the official reader does.
 */
export function fillRun(net: CPNet, frames: readonly Tensor[], holes: readonly Tensor[]): Tensor[] {
  const count = frames.length;
  if (count < 2) throw new InvalidInputError('cpnet frames', 'at least 2 frames to copy from one to the other', `${count}`);
  return noGrad(() => tidy(() => {
    const imagenetMean = tensor([0.485, 0.456, 0.406], [1, 3, 1, 1]);
    const inputs = frames.map((frame, t) => tidy(() => frame.mul(holes[t].neg().add(1)).add(holes[t].mul(imagenetMean))));
    const features = inputs.map((frame, t) => net.encode(frame, holes[t]));
    const emptyHole = zeros(holes[0].shape);
    let firstPass: Tensor[] = [];
    const result: Tensor[] = [];
    for (const pass of [0, 1]) {
      const current = [...inputs];
      const currentHoles = [...holes];
      const order = [...Array(count).keys()];
      if (pass === 0) order.reverse();
      for (const target of order) {
        const references = referenceIndices(target, count);
        if (references.length === 0) references.push(...order.filter((t) => t !== target));
        const filled = tidy(() => net.call(
          { features: references.map((r) => features[r]), frames: references.map((r) => current[r]), holes: references.map((r) => currentHoles[r]) },
          current[target], currentHoles[target], inputs[target],
        ));
        current[target] = filled;
        currentHoles[target] = emptyHole;
        const previous = features[target];
        features[target] = tidy(() => net.encode(filled, emptyHole));
        previous.dispose();
        if (pass === 1) result[target] = tidy(() => firstPass[target].mul(count - target).div(count).add(filled.mul(target).div(count)));
      }
      if (pass === 0) firstPass = current;
    }
    return result;
  }));
}
