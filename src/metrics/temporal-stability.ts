import type { Image, Mask } from '../core/image.js';
import { assertComparable } from './same-size.js';

/** Floor of the ground truth's total change, as the reference scorer: a still clip does not divide by 0. */
const MIN_TRUTH_CHANGE = 1e-9;

/**
 * Temporal stability of an inpainted clip, fed one frame at a time: for each pair of consecutive
 * frames, the mean absolute change of the (composited) output over the pixels that are hole in
 * either frame, all RGB values counted; those per-pair means are summed, and the sum is divided
 * by the same sum for the ground truth. 1.0 is as stable as the real video; flicker gives more.
 * Exactly `evaluate_video.py`'s `num / max(den, 1e-9)`: pairs whose union holds no hole pixel
 * add nothing to either sum. Only the previous frame is kept.
 */
export class TemporalStability {
  private previous: { output: Image; truth: Image; mask: Mask } | undefined;
  private outputChange = 0;
  private truthChange = 0;
  private pairCount = 0;

  /** Adds the next frame: the output composited onto the truth (as scored), the truth, its hole mask. */
  add(output: Image, truth: Image, mask: Mask): void {
    assertComparable(output, truth, mask);
    const previous = this.previous;
    if (previous) {
      assertComparable(output, previous.truth, mask);
      const union = unionMeans(output, truth, mask, previous.output, previous.truth, previous.mask);
      if (union) {
        this.outputChange += union.output;
        this.truthChange += union.truth;
        this.pairCount++;
      }
    }
    this.previous = { output, truth, mask };
  }

  /** Pairs of consecutive frames whose holes (union) were not empty. */
  get pairs(): number {
    return this.pairCount;
  }

  /** Output change over ground-truth change; 0 before any counted pair. */
  value(): number {
    return this.outputChange / Math.max(this.truthChange, MIN_TRUTH_CHANGE);
  }
}

/** Mean |a - a'| of output and of truth over the union of the two holes, or null when it is empty. */
function unionMeans(
  output: Image,
  truth: Image,
  mask: Mask,
  previousOutput: Image,
  previousTruth: Image,
  previousMask: Mask,
): { output: number; truth: number } | null {
  const hole = mask.data, previousHole = previousMask.data;
  const o = output.rgb, po = previousOutput.rgb, t = truth.rgb, pt = previousTruth.rgb;
  let pixels = 0, outputSum = 0, truthSum = 0;
  for (let i = 0; i < hole.length; i++) {
    if (!hole[i] && !previousHole[i]) continue;
    pixels++;
    const j = i * 3;
    outputSum += Math.abs(o[j] - po[j]) + Math.abs(o[j + 1] - po[j + 1]) + Math.abs(o[j + 2] - po[j + 2]);
    truthSum += Math.abs(t[j] - pt[j]) + Math.abs(t[j + 1] - pt[j + 1]) + Math.abs(t[j + 2] - pt[j + 2]);
  }
  if (pixels === 0) return null;
  return { output: outputSum / (pixels * 3), truth: truthSum / (pixels * 3) };
}
