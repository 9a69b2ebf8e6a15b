import type { ImageMethod } from './method.js';
import { defaultMethodId } from './registry.js';

/** What the command line and the server say of every method besides its options. */
export interface MethodSummary {
  readonly id: string;
  readonly isDefault: boolean;
  readonly kind: ImageMethod['kind'];
  readonly description: string;
  readonly needsWeights: boolean;
  readonly trainable: boolean;
}

export function summariseMethod(method: ImageMethod): MethodSummary {
  return {
    id: method.id,
    isDefault: method.id === defaultMethodId,
    kind: method.kind,
    description: method.description,
    needsWeights: method.needsWeights,
    trainable: method.trainable,
  };
}
