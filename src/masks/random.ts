import { InvalidOptionError } from '../core/errors.js';

/** A seeded source of random numbers: the same seed gives the same sequence on every machine. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number;
  /** A float in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** The state word: createRng(rng.state()) continues this sequence exactly (a resumed training run). */
  state(): number;
}

/** Largest accepted seed: the generator's state is 32 bits wide. */
export const maxSeed = 0xffffffff;

/**
 * Mulberry32: one 32-bit state word, each output a strong mix of it, so that neighbouring seeds
 * (0, 1, 2, ...) still give unrelated sequences. Period 2^32, far more than mask generation uses.
 * Math.random is not used anywhere in mask generation because it cannot be seeded.
 */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed > maxSeed) {
    throw new InvalidOptionError('seed', `integer between 0 and ${maxSeed}`, seed);
  }
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    uniform: (lo, hi) => lo + next() * (hi - lo),
    state: () => state,
  };
}
