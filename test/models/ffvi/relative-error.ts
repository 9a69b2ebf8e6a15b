import { expect } from 'vitest';

/** The largest difference relative to the largest reference element (the step fixtures' measure). */
export function relativeError(ours: Float32Array, reference: Float32Array): number {
  expect(ours.length).toBe(reference.length);
  let scale = 0, diff = 0;
  for (let i = 0; i < ours.length; i++) {
    scale = Math.max(scale, Math.abs(reference[i]));
    diff = Math.max(diff, Math.abs(ours[i] - reference[i]));
  }
  return diff / Math.max(scale, 1e-12);
}
