import type { FastifyInstance } from 'fastify';
import { optionsJsonSchema, type OptionsJsonSchema } from '../../registry/options-json-schema.js';
import { defaultMethodId, methods } from '../../registry/registry.js';

/** One entry of `GET /api/v1/methods`. */
export interface MethodDescription {
  readonly id: string;
  readonly isDefault: boolean;
  readonly kind: 'image';
  readonly description: string;
  readonly needsWeights: boolean;
  readonly trainable: boolean;
  /** JSON Schema of the options, from the same zod schema that validates them. */
  readonly options: OptionsJsonSchema;
}

/** `GET /api/v1/methods`: the registry, each method with its option schema; the page builds its forms from it. */
export function registerMethodRoutes(app: FastifyInstance): void {
  const catalogue: MethodDescription[] = methods.map((method) => ({
    id: method.id,
    isDefault: method.id === defaultMethodId,
    kind: method.kind,
    description: method.description,
    needsWeights: method.needsWeights,
    trainable: method.trainable,
    options: optionsJsonSchema(method),
  }));
  app.get('/api/v1/methods', async () => catalogue);
}
