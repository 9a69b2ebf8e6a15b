/** State dicts: a module's tensors by parameter name, and checking one against what a module expects. */
import { StateDictMismatchError } from '../../core/errors.js';
import type { Tensor } from '../tensor.js';

/** A module's parameters and buffers by name (PyTorch's `state_dict()`), in registration order. */
export type StateDict = Map<string, Tensor>;

/**
 * Throws one StateDictMismatchError listing every key `given` lacks, every key it has beyond
 * `expected`, and every shape that differs. With `strict: false` only shape mismatches throw
 * (PyTorch's `load_state_dict(strict=False)`).
 */
export function compareStateDict(
  expected: ReadonlyMap<string, { readonly shape: readonly number[] }>,
  given: ReadonlyMap<string, { readonly shape: readonly number[] }>,
  options: { strict?: boolean } = {},
): void {
  const strict = options.strict ?? true;
  const missing: { key: string; shape: readonly number[] }[] = [];
  const unexpected: { key: string; shape: readonly number[] }[] = [];
  const shapeMismatches: { key: string; expected: readonly number[]; received: readonly number[] }[] = [];
  for (const [key, want] of expected) {
    const have = given.get(key);
    if (!have) {
      missing.push({ key, shape: want.shape });
    } else if (!sameShape(want.shape, have.shape)) {
      shapeMismatches.push({ key, expected: want.shape, received: have.shape });
    }
  }
  for (const [key, have] of given) {
    if (!expected.has(key)) unexpected.push({ key, shape: have.shape });
  }
  const failed = shapeMismatches.length > 0 || (strict && (missing.length > 0 || unexpected.length > 0));
  if (failed) {
    throw new StateDictMismatchError(strict ? missing : [], strict ? unexpected : [], shapeMismatches);
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}
