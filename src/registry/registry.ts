import { InvalidOptionError, UnknownMethodError } from '../core/errors.js';
import type { NetworkTraining } from '../training/network-training.js';
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
  /** How each trainable image method is trained (`inpaint train --model ID`). */
  readonly trainings: readonly NetworkTraining[];
  getMethod(id: string): ImageMethod;
  getVideoMethod(id: string): VideoMethod;
  getTraining(id: string): NetworkTraining;
}

export function createRegistry(methods: readonly ImageMethod[], videoMethods: readonly VideoMethod[], trainings: readonly NetworkTraining[] = []): Registry {
  return {
    methods,
    defaultMethodId: methods[0].id,
    videoMethods,
    defaultVideoMethodId: videoMethods[0].id,
    trainings,
    getMethod: (id) => find(methods, id),
    getVideoMethod: (id) => find(videoMethods, id),
    getTraining: (id) => {
      const training = trainings.find((t) => t.id === id);
      if (!training) throw new InvalidOptionError('--model', `a trainable method (${trainings.map((t) => t.id).join(', ') || 'none'})`, id);
      return training;
    },
  };
}

function find<M extends { id: string }>(list: readonly M[], id: string): M {
  const method = list.find((m) => m.id === id);
  if (!method) throw new UnknownMethodError(id, list.map((m) => m.id));
  return method;
}
