import type { ImageMethod } from './method.js';
import type { Registry } from './registry.js';
import type { VideoMethod } from './video-method.js';

/** What the command line and the server say of every method besides its options. */
export interface MethodSummary {
  readonly id: string;
  readonly isDefault: boolean;
  readonly kind: ImageMethod['kind'] | VideoMethod['kind'];
  readonly description: string;
  readonly needsWeights: boolean;
  readonly trainable: boolean;
}

/** `isDefault`: the default of its kind (image and video methods each have one). */
export function summariseMethod(method: ImageMethod | VideoMethod, registry: Pick<Registry, 'defaultMethodId' | 'defaultVideoMethodId'>): MethodSummary {
  return {
    id: method.id,
    isDefault: method.id === (method.kind === 'video' ? registry.defaultVideoMethodId : registry.defaultMethodId),
    kind: method.kind,
    description: method.description,
    needsWeights: method.needsWeights,
    trainable: method.trainable,
  };
}
