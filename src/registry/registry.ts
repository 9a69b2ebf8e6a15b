import { UnknownMethodError } from '../core/errors.js';
import type { ImageMethod } from './method.js';
import type { VideoMethod } from './video-method.js';
import { teleaMethod } from '../classical/telea/method.js';
import { patchMatchMethod } from '../classical/patchmatch/method.js';
import { perFrameMethod } from '../classical/per-frame/method.js';
import { propagateMethod } from '../classical/propagate/method.js';
import { deepFillV2Method } from '../models/deepfill/method.js';

// Option parsing needs no method table (the browser worker uses it alone); kept importable from here.
export { parseOptions } from './parse-options.js';

/** Every registered method, in the order `inpaint methods` lists them; the first is the default. */
export const methods: readonly ImageMethod[] = [patchMatchMethod, teleaMethod, deepFillV2Method];

export const defaultMethodId = methods[0].id;

/** Every registered video method; the first is the default of `inpaint video`. */
export const videoMethods: readonly VideoMethod[] = [propagateMethod, perFrameMethod];

export const defaultVideoMethodId = videoMethods[0].id;

export function getVideoMethod(id: string): VideoMethod {
  const method = videoMethods.find((m) => m.id === id);
  if (!method) throw new UnknownMethodError(id, videoMethods.map((m) => m.id));
  return method;
}

export function getMethod(id: string): ImageMethod {
  const method = methods.find((m) => m.id === id);
  if (!method) throw new UnknownMethodError(id, methods.map((m) => m.id));
  return method;
}
