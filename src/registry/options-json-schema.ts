import { z } from 'zod';
import type { ImageMethod } from './method.js';
import type { VideoMethod } from './video-method.js';

/** One option as JSON Schema describes it (the keywords zod emits for our option schemas). */
export interface OptionJsonSchema {
  readonly type?: string;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly unknown[];
  readonly description?: string;
}

/** A method's options as one JSON Schema object, as the CLI, the server and the web page read it. */
export interface OptionsJsonSchema {
  readonly type?: 'object';
  readonly properties?: Readonly<Record<string, OptionJsonSchema>>;
  readonly [keyword: string]: unknown;
}

/**
 * A method's option schema as JSON Schema, from the same zod schema that validates the options.
 * The input side: options with defaults are optional, as a user filling them in sees them.
 */
export function optionsJsonSchema(method: Pick<ImageMethod | VideoMethod, 'options'>): OptionsJsonSchema {
  return z.toJSONSchema(method.options, { io: 'input', unrepresentable: 'any' }) as OptionsJsonSchema;
}
