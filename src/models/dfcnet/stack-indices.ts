/**
 * Which flows make the 11-flow stack that completes flow `t` of a sequence of `count`: t-5 to
 * t+5, clamped to the sequence, so that at a clip's edges its first or last flow repeats
 * (dataset/data_list.py `gen_flow_initial_test_mask_list`, which clamps to the flows there are:
 * forward flows 0..n-2 of n frames, backward flows 0..n-1, the first a zero flow).
 */
export const stackLength = 11;

export function stackIndices(t: number, count: number): number[] {
  const half = (stackLength - 1) / 2;
  return Array.from({ length: stackLength }, (_, k) => Math.min(count - 1, Math.max(0, t - half + k)));
}

/** Whether the stack of flow `t` reaches past the last of `count` flows, which later ones will fill. */
export function stackReachesPast(t: number, count: number): boolean {
  return t + (stackLength - 1) / 2 > count - 1;
}
