import type { PatchField } from './nnf.js';

/**
 * Rebuilds the hole pixels of the field's level from the matched source patches (the M step of
 * Wexler et al. 2007). Every target patch votes for each hole pixel it covers with the colour its
 * match has there, weighted by exp(-d / 2σ²) where d is the patch distance and σ² a percentile of
 * the distances, so that poor matches count little. `uniform` gives every vote weight 1 (used when
 * distances are not yet known).
 */
export function voteWeighted(field: PatchField, uniform = false): void {
  const { level, targets, match, distance, radius: r } = field;
  const { data, hole, width, channels: C } = level;
  const acc = new Float32Array(hole.length * C);
  const weights = new Float32Array(hole.length);
  const scale = uniform ? 0 : 1 / (2 * Math.max(percentile(distance, 0.75), 1e-6));
  for (let k = 0; k < targets.length; k++) {
    const t = targets[k], s = match[k];
    const w = uniform ? 1 : Math.exp(-distance[k] * scale) + 1e-12;
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        const p = t + dy * width + dx;
        if (!hole[p]) continue;
        const q = (s + dy * width + dx) * C;
        for (let c = 0; c < C; c++) acc[p * C + c] += w * data[q + c];
        weights[p] += w;
      }
    }
  }
  for (let p = 0; p < hole.length; p++) {
    if (!hole[p] || weights[p] === 0) continue;
    const inv = 1 / weights[p];
    for (let c = 0; c < C; c++) data[p * C + c] = acc[p * C + c] * inv;
  }
}

/**
 * Each hole pixel takes its colour from the single best-matching patch that covers it. Averaging
 * many patches blurs texture; this keeps it sharp, so it is used for the final pixels.
 */
export function voteBest(field: PatchField): void {
  const { level, targets, match, distance, radius: r } = field;
  const { data, hole, width, channels: C } = level;
  const bestDistance = new Float32Array(hole.length).fill(Infinity);
  const from = new Int32Array(hole.length).fill(-1);
  for (let k = 0; k < targets.length; k++) {
    const t = targets[k], s = match[k], d = distance[k];
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        const p = t + dy * width + dx;
        if (!hole[p] || d >= bestDistance[p]) continue;
        bestDistance[p] = d;
        from[p] = s + dy * width + dx;
      }
    }
  }
  for (let p = 0; p < hole.length; p++) {
    const q = from[p];
    if (q < 0) continue;
    for (let c = 0; c < C; c++) data[p * C + c] = data[q * C + c];
  }
}

function percentile(values: Float32Array, q: number): number {
  if (values.length === 0) return 0;
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
