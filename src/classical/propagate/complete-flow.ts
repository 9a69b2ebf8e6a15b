import type { Mask } from '../../core/image.js';
import { dilateMask } from '../../io/dilate-mask.js';
import type { FlowField } from '../flow/flow-field.js';
import { harmonicFill } from '../smooth-fill.js';

/**
 * Replaces the flow over the holes of both frames, widened by `margin` pixels, with a harmonic
 * (membrane) interpolation of the flow around them. The flow estimated there is unusable: it was
 * matched against filler, and the error reaches well past the hole's edge, so the margin matters
 * (at 432x320, 20 px gave far better propagation than 4 px).
 */
export function completeFlow(flow: FlowField, holeFrom: Mask, holeTo: Mask, margin: number): void {
  const widened = unknownFlow(holeFrom, holeTo, margin);
  // With nothing known to interpolate from, the best guess is no motion.
  if (widened.data.every((v) => v === 1)) {
    flow.data.fill(0);
    return;
  }
  harmonicFill(flow.data, widened.data, flow.width, flow.height, 2, 24);
}

/** Where the flow between two frames is unusable: the holes of both, widened by `margin` pixels. */
export function unknownFlow(holeFrom: Mask, holeTo: Mask, margin: number): Mask {
  const union = new Uint8Array(holeFrom.data.length);
  for (let i = 0; i < union.length; i++) union[i] = holeFrom.data[i] | holeTo.data[i];
  return dilateMask({ width: holeFrom.width, height: holeFrom.height, data: union }, margin);
}
