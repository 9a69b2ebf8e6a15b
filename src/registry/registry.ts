import { InvalidOptionError, UnknownMethodError } from '../core/errors.js';
import type { ImageMethod } from './method.js';
import type { VideoMethod } from './video-method.js';
import { teleaMethod } from '../classical/telea/method.js';
import { patchMatchMethod } from '../classical/patchmatch/method.js';
import { perFrameMethod } from '../classical/per-frame/method.js';
import { propagateMethod } from '../classical/propagate/method.js';
import { deepFillV2Method } from '../models/deepfill/method.js';

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

/**
 * Validates raw options (from JSON, a form or `--set key=value`) against a method's schema and
 * fills in the defaults. The first problem is reported naming the option, what was expected and
 * what came.
 */
export function parseOptions(method: Pick<ImageMethod | VideoMethod, 'id' | 'options'>, raw: Record<string, unknown> = {}): Record<string, unknown> {
  const result = method.options.strict().safeParse(raw);
  if (result.success) return result.data as Record<string, unknown>;
  const issue = result.error.issues[0];
  const key = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(options)');
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(method.options.shape).join(', ');
    throw new InvalidOptionError(key, `one of the options of ${method.id} (${known || 'none'})`, `an unknown option`);
  }
  const received = issue.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown>)?.[k as PropertyKey], raw);
  throw new InvalidOptionError(`${method.id} option ${key}`, expectedFrom(issue.message), received);
}

function expectedFrom(message: string): string {
  // zod says "Invalid input: expected number, received string" or "Too small: expected number to be >=1"
  const m = /expected (.*?)(, received.*)?$/i.exec(message);
  return m ? m[1] : message;
}
