/**
 * The coherent semantic attention of CSAFunction.py as an attention matrix, computed the way the
 * official forward computes it but without its Python loop over positions. Positions are the
 * 1/8-scale feature map's, in raster order; features are [C, N], channel-major.
 *
 * Every position first takes its most similar known position (largest dot product with the
 * L2-normalised known features: MaxCoord's `ind` and `vmax`). A known position's row is one-hot on
 * that match. The hole positions are then generated in raster order: the first is its match; each
 * next one mixes the previous generated feature and its match,
 *   at = <prev, u / (|u| + 1e-8)>   (u: the position's own feature),
 *   new = at / (at + vmax) * prev + vmax / (at + vmax) * match,
 * so its row is the previous row times the first weight plus the second on its match. The layer's
 * output is features x rows (ConvTranspose with the patches as weights, `conv_new_dec`).
 */

/** Positions of known features, ascending (`nonmask_point_idx`). */
export function knownPositions(holes: Uint8Array): Int32Array {
  return Int32Array.from([...holes.keys()].filter((position) => !holes[position]));
}

/** Known features, each divided by its L2 norm + 1e-8: [K, C], row-major (conv_enc's weights). */
export function normalisedKnownFeatures(features: Float32Array, channels: number, known: Int32Array): Float32Array {
  const n = features.length / channels;
  const result = new Float32Array(known.length * channels);
  known.forEach((position, k) => {
    let squares = 0;
    for (let c = 0; c < channels; c++) squares += features[c * n + position] ** 2;
    const scale = 1 / (Math.sqrt(squares) + 1e-8);
    for (let c = 0; c < channels; c++) result[k * channels + c] = features[c * n + position] * scale;
  });
  return result;
}

/**
 * The N x N attention (row p: the weights of the features that make position p), from the
 * features [C, N], the hole flags and the scores [K, N] of every position against each normalised
 * known feature.
 */
export function coherentAttention(features: Float32Array, channels: number, holes: Uint8Array, known: Int32Array, scores: Float32Array): Float32Array {
  const n = holes.length;
  const attention = new Float32Array(n * n);
  const generated = new Float32Array(channels);
  let previousHole = -1;
  for (let p = 0; p < n; p++) {
    const { match, best } = bestKnown(scores, known.length, n, p);
    const source = known[match];
    const row = attention.subarray(p * n, (p + 1) * n);
    if (!holes[p]) {
      row[source] = 1;
      continue;
    }
    if (previousHole < 0) {
      for (let c = 0; c < channels; c++) generated[c] = features[c * n + source];
      row[source] = 1;
    } else {
      let dot = 0;
      let squares = 0;
      for (let c = 0; c < channels; c++) {
        const own = features[c * n + p];
        dot += generated[c] * own;
        squares += own * own;
      }
      const similarity = Math.fround(dot / (Math.sqrt(squares) + 1e-8));
      const keep = Math.fround(similarity / (similarity + best));
      const take = Math.fround(best / (similarity + best));
      for (let c = 0; c < channels; c++) generated[c] = keep * generated[c] + take * features[c * n + source];
      const previous = attention.subarray(previousHole * n, (previousHole + 1) * n);
      for (let q = 0; q < n; q++) row[q] = previous[q] * keep;
      row[source] += take;
    }
    previousHole = p;
  }
  return attention;
}

/** The known feature most similar to position p (torch.max over dim 1: the first of equal maxima). */
function bestKnown(scores: Float32Array, knownCount: number, n: number, p: number): { match: number; best: number } {
  let match = 0;
  let best = scores[p];
  for (let k = 1; k < knownCount; k++) {
    const score = scores[k * n + p];
    if (score > best) {
      best = score;
      match = k;
    }
  }
  return { match, best };
}
