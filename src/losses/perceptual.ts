/** The perceptual (content) loss: L1 between feature maps of a loss network, layer by layer. */
import { InvalidInputError } from '../core/errors.js';
import type { Tensor } from '../torch/index.js';

/**
 * Σ_i weight_i · mean|a_i − b_i| over matching feature maps (weights default to 1): naoto0804's
 * and PRVS's `prc` (VGG16 pool1-3, once for the output and once for the composite), LBAM's with
 * its 0.005 per layer, EdgeConnect's and StructureFlow's PerceptualLoss (VGG19 relu1_1..relu5_1).
 */
export function perceptualLoss(a: readonly Tensor[], b: readonly Tensor[], weights?: readonly number[]): Tensor {
  checkPairs(a, b, weights);
  return sumOf(a.map((feature, i) => feature.sub(b[i]).abs().mean().mul(weights?.[i] ?? 1)));
}

/** Throws unless a and b (and weights, when given) have one entry per layer. */
export function checkPairs(a: readonly Tensor[], b: readonly Tensor[], weights?: readonly number[]): void {
  if (a.length === 0 || a.length !== b.length || (weights && weights.length !== a.length)) {
    throw new InvalidInputError('feature maps', `two equally long, non-empty lists${weights ? ' and one weight each' : ''}`,
      `${a.length} and ${b.length}${weights ? ` with ${weights.length} weights` : ''}`);
  }
}

/** The sum of scalar tensors (in order, as the official loops accumulate). */
export function sumOf(terms: readonly Tensor[]): Tensor {
  return terms.slice(1).reduce((total, term) => total.add(term), terms[0]);
}
