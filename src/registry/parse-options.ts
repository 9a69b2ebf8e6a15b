import { InvalidOptionError } from '../core/errors.js';
import type { ImageMethod } from './method.js';
import type { VideoMethod } from './video-method.js';

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
