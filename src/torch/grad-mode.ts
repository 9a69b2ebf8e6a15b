/**
 * The no-grad scope: ops called inside build no autograd graph (inference, optimizer updates).
 * libtorch's grad mode belongs to the calling thread; async ops capture it when they are called,
 * so an async op started inside fn also runs without grad.
 */
import { loadNative } from './native.js';

export function noGrad<R>(fn: () => R): R {
  const engine = loadNative();
  const previous = engine.isGradEnabled();
  engine.setGradEnabled(false);
  try {
    return fn();
  } finally {
    engine.setGradEnabled(previous);
  }
}

export function isGradEnabled(): boolean {
  return loadNative().isGradEnabled();
}
