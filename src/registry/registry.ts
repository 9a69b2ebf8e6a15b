import { UnknownMethodError } from '../core/errors.js';
import type { ImageMethod } from './method.js';
import type { VideoMethod } from './video-method.js';

/** Lookups over a list of methods; the list itself is built in one place, `src/methods.ts`. */
export interface Registry {
  /** Every image method, in the order `inpaint methods` lists them; the first is the default. */
  readonly methods: readonly ImageMethod[];
  readonly defaultMethodId: string;
  /** Every video method; the first is the default of `inpaint video`. */
  readonly videoMethods: readonly VideoMethod[];
  readonly defaultVideoMethodId: string;
  getMethod(id: string): ImageMethod;
  getVideoMethod(id: string): VideoMethod;
}

export function createRegistry(methods: readonly ImageMethod[], videoMethods: readonly VideoMethod[]): Registry {
  return {
    methods,
    defaultMethodId: methods[0].id,
    videoMethods,
    defaultVideoMethodId: videoMethods[0].id,
    getMethod: (id) => find(methods, id),
    getVideoMethod: (id) => find(videoMethods, id),
  };
}

function find<M extends { id: string }>(list: readonly M[], id: string): M {
  const method = list.find((m) => m.id === id);
  if (!method) throw new UnknownMethodError(id, list.map((m) => m.id));
  return method;
}
