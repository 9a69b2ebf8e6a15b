import type { Image } from '../core/image.js';
import { fitColourModel, type ColourModel } from './colour-model.js';

/** The colour models of an object and of what surrounds it. */
export interface ObjectModels {
  readonly object: ColourModel;
  readonly background: ColourModel;
}

/** More pixels than this per side add time, not accuracy: the rest are sampled evenly. */
const samplesPerModel = 20000;

/**
 * Fits both models from a labelling (1 = object, one byte a pixel of `image`). A side with no
 * pixels borrows the other's model, so that a mask covering everything or nothing still works.
 */
export function fitObjectModels(image: Image, labels: Uint8Array): ObjectModels {
  const object = sample(labels, 1), background = sample(labels, 0);
  const objectModel = object.length > 0 ? fitColourModel(image.rgb, object) : undefined;
  const backgroundModel = background.length > 0 ? fitColourModel(image.rgb, background) : undefined;
  return { object: (objectModel ?? backgroundModel)!, background: (backgroundModel ?? objectModel)! };
}

/** Indices of the pixels labelled `label`, every k-th so that at most samplesPerModel remain. */
export function sample(labels: Uint8Array, label: number): Int32Array {
  let count = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === label) count++;
  const step = Math.max(1, Math.ceil(count / samplesPerModel));
  const out = new Int32Array(Math.ceil(count / step));
  for (let i = 0, seen = 0, k = 0; i < labels.length; i++) {
    if (labels[i] !== label) continue;
    if (seen++ % step === 0) out[k++] = i;
  }
  return out;
}
