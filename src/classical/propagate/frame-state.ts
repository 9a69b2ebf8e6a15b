import type { Image, Mask } from '../../core/image.js';
import type { ScaledFlow } from './scaled-flow.js';

/** One frame of the window being propagated. */
export interface FrameState {
  readonly width: number;
  readonly height: number;
  /** The input frame; its hole pixels are not to be read. */
  readonly input: Image;
  readonly hole: Mask;
  /** RGB, interleaved: the known pixels plus whatever has been filled so far. */
  pixels: Uint8Array;
  /** 1 where `pixels` holds a pixel that can be copied from: known, or filled and settled. */
  valid: Uint8Array;
  /** Set once the frame has been written out: from then on it is a source, whole, never changed. */
  emitted: boolean;
  /** Completed flow to the next frame (t to t+1) and to the previous one (t to t-1). */
  toNext?: ScaledFlow;
  toPrevious?: ScaledFlow;
}

export function createFrameState(input: Image, hole: Mask): FrameState {
  const state: FrameState = {
    width: input.width,
    height: input.height,
    input,
    hole,
    pixels: input.rgb,
    valid: new Uint8Array(0),
    emitted: false,
  };
  resetToKnown(state);
  return state;
}

/** Forgets every fill: back to the known pixels alone (a frame looked ahead at, not emitted). */
export function resetToKnown(state: FrameState): void {
  state.pixels = state.input.rgb.slice();
  state.valid = new Uint8Array(state.hole.data.length);
  for (let i = 0; i < state.valid.length; i++) state.valid[i] = state.hole.data[i] ? 0 : 1;
}

/** The pixels (indices, ascending) that hold nothing to copy from yet. */
export function invalidPixels(state: FrameState): Int32Array {
  const { valid } = state;
  let n = 0;
  for (let i = 0; i < valid.length; i++) if (!valid[i]) n++;
  const out = new Int32Array(n);
  for (let i = 0, k = 0; i < valid.length; i++) if (!valid[i]) out[k++] = i;
  return out;
}
