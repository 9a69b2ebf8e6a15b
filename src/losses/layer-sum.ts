/** Summing a per-layer term over lists of feature maps, as the official loops accumulate. */
import { InvalidInputError } from '../core/errors.js';
import type { Tensor } from '../torch/index.js';

/** Throws unless a and b (and weights, when given) have one entry per layer. */
export function checkPairs(a: readonly Tensor[], b: readonly Tensor[], weights?: readonly number[]): void {
  if (a.length === 0 || a.length !== b.length || (weights && weights.length !== a.length)) {
    throw new InvalidInputError('feature maps', `two equally long, non-empty lists${weights ? ' and one weight each' : ''}`,
      `${a.length} and ${b.length}${weights ? ` with ${weights.length} weights` : ''}`);
  }
}

/** The sum of scalar tensors, in order. */
export function sumOf(terms: readonly Tensor[]): Tensor {
  return terms.slice(1).reduce((total, term) => total.add(term), terms[0]);
}
