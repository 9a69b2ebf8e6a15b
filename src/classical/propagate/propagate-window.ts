import { throwIfCancelled } from '../../core/errors.js';
import { createImage, createMask } from '../../core/image.js';
import type { ImageFiller } from '../../registry/video-method.js';
import { invalidPixels, type FrameState } from './frame-state.js';
import { sampleValid } from './sample-valid.js';
import { traceSources, type Sources } from './trace.js';

export interface WindowOptions {
  /** Largest forward-backward flow disagreement, in pixels, for a step to be taken. */
  readonly consistency: number;
  /** Image method for what no frame saw. */
  readonly imageMethod: string;
  readonly fillImage: ImageFiller;
  readonly signal?: AbortSignal;
}

/**
 * Fills the holes of frames [from, to) of the window; the other frames serve as sources only.
 * Rounds: trace sources from the past and from the future, fill every pixel that found one (a
 * blend of both, the one fewer frames away weighing more); then, if pixels remain that no frame
 * saw, fill them in the frame that has most of them with the image method, and make that frame a
 * source for the next round, so that the invented content is the same in every frame it shows.
 */
export async function propagateWindow(frames: FrameState[], from: number, to: number, options: WindowOptions): Promise<void> {
  for (;;) {
    throwIfCancelled(options.signal);
    const unfilled = frames.map(invalidPixels);
    const past = traceSources(frames, unfilled, 'from-past', options.consistency);
    const future = traceSources(frames, unfilled, 'from-future', options.consistency);
    for (let t = from; t < to; t++) fuse(frames, t, unfilled[t], past[t], future[t]);

    let keyframe = -1, most = 0;
    for (let t = from; t < to; t++) {
      const left = invalidPixels(frames[t]).length;
      if (left > most) {
        most = left;
        keyframe = t;
      }
    }
    if (keyframe < 0) return;
    await fillUnseen(frames[keyframe], options);
  }
}

/** Fills the unfilled pixels of frame t that found a source (slot k is pixel `unfilled[k]`). */
function fuse(frames: readonly FrameState[], t: number, unfilled: Int32Array, past: Sources | undefined, future: Sources | undefined): void {
  const frame = frames[t];
  const a = new Float32Array(3), b = new Float32Array(3);
  const filled: number[] = [];
  const colours: number[] = [];
  for (let k = 0; k < unfilled.length; k++) {
    const i = unfilled[k];
    const hasA = past !== undefined && past.frame[k] >= 0 && sampleValid(frames[past.frame[k]], past.x[k], past.y[k], a);
    const hasB = future !== undefined && future.frame[k] >= 0 && sampleValid(frames[future.frame[k]], future.x[k], future.y[k], b);
    if (!hasA && !hasB) continue;
    let wa = 0, wb = 0;
    if (hasA) wa = 1 / (past!.hops[k] * past!.hops[k]);
    if (hasB) wb = 1 / (future!.hops[k] * future!.hops[k]);
    const sum = wa + wb;
    filled.push(i);
    for (let c = 0; c < 3; c++) colours.push((wa * a[c] + wb * b[c]) / sum);
  }
  // Written after the loop: a pixel filled now must not serve as a source within the same round.
  for (let k = 0; k < filled.length; k++) {
    const i = filled[k];
    frame.pixels[3 * i] = Math.round(colours[3 * k]);
    frame.pixels[3 * i + 1] = Math.round(colours[3 * k + 1]);
    frame.pixels[3 * i + 2] = Math.round(colours[3 * k + 2]);
    frame.valid[i] = 1;
  }
}

async function fillUnseen(frame: FrameState, options: WindowOptions): Promise<void> {
  const unseen = createMask(frame.width, frame.height);
  for (let i = 0; i < unseen.data.length; i++) unseen.data[i] = frame.valid[i] ? 0 : 1;
  const filled = await options.fillImage(createImage(frame.width, frame.height, frame.pixels), unseen, options.imageMethod, {
    signal: options.signal,
  });
  frame.pixels = filled.rgb.slice();
  frame.valid.fill(1);
}
