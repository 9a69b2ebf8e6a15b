/**
 * libtorch's intra-op thread count, one for the whole process. loadNative() sets it to one a
 * logical core; python3-torch may start with fewer (one on this 2-core machine), so comparisons
 * set both.
 */
import { InvalidOptionError } from '../core/errors.js';
import { loadNative } from './native.js';

export function setNumThreads(threads: number): void {
  if (!Number.isInteger(threads) || threads < 1) throw new InvalidOptionError('threads', 'an integer >= 1', threads);
  loadNative().setNumThreads(threads);
}

export function getNumThreads(): number {
  return loadNative().getNumThreads();
}
