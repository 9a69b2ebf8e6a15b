import { InvalidOptionError } from '../core/errors.js';

/** The `options` form field: a JSON object; absent or empty means every default. */
export function parseOptionsField(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidOptionError('options', 'a JSON object such as {"radius": 5}', text);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidOptionError('options', 'a JSON object such as {"radius": 5}', value);
  }
  return value as Record<string, unknown>;
}
