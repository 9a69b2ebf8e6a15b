import type { FastifyInstance } from 'fastify';
import { optionsJsonSchema, type OptionsJsonSchema } from '../../registry/options-json-schema.js';
import { summariseMethod, type MethodSummary } from '../../registry/method-summary.js';
import { methods, videoMethods } from '../../registry/registry.js';

/** One entry of `GET /api/v1/methods`. */
export interface MethodDescription extends MethodSummary {
  /** JSON Schema of the options, from the same zod schema that validates them. */
  readonly options: OptionsJsonSchema;
}

/**
 * `GET /api/v1/methods`: the registry, image methods first, then video methods (`kind: 'video'`),
 * each with its option schema; `isDefault` marks the default of each kind. The page builds its
 * forms from it.
 */
export function registerMethodRoutes(app: FastifyInstance): void {
  const catalogue: MethodDescription[] = [...methods, ...videoMethods].map((method) => ({
    ...summariseMethod(method),
    options: optionsJsonSchema(method),
  }));
  app.get('/api/v1/methods', async () => catalogue);
}
