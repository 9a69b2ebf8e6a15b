import type { FastifyInstance } from 'fastify';
import type { OptionsJsonSchema } from '../../registry/options-json-schema.js';
import { summariseMethod, type MethodSummary } from '../../registry/method-summary.js';
import { registry } from '../../methods.js';
import type { OfferedMethods } from '../offered-methods.js';

/** One entry of `GET /api/v1/methods`. */
export interface MethodDescription extends MethodSummary {
  /** JSON Schema of the options, from the same zod schema that validates them. */
  readonly options: OptionsJsonSchema;
}

/**
 * `GET /api/v1/methods`: the methods this server offers (a network only with the weights it was
 * started with, and without its weights option), image methods first, then video methods
 * (`kind: 'video'`), each with its option schema; `isDefault` marks the default of each kind. The
 * page builds its forms from it.
 */
export function registerMethodRoutes(app: FastifyInstance, offered: OfferedMethods): void {
  const catalogue: MethodDescription[] = [...offered.image, ...offered.video].map((method) => ({
    ...summariseMethod(method, registry),
    options: offered.schema(method),
  }));
  app.get('/api/v1/methods', async () => catalogue);
}
