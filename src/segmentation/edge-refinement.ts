import type { Image, Mask } from '../core/image.js';
import { dilateMask } from '../io/dilate-mask.js';
import { colourCost } from './colour-model.js';
import { cutObject, Fixed } from './graph-cut.js';
import type { ObjectModels } from './object-models.js';

export interface BandOptions {
  /** Pixels within this distance of the mask's edge, on either side, may change label. */
  readonly band: number;
  /**
   * Belief (0..1) per pixel that it is object, from elsewhere (a mask carried by optical flow):
   * costs `priorWeight * (1 - belief)` to label object and `priorWeight * belief` background.
   */
  readonly prior?: Float32Array;
  /** @default 4 */
  readonly priorWeight?: number;
  /** @default 50 */
  readonly smoothness?: number;
  /** Pixels (1 per pixel) free to change label wherever they are, besides the band. */
  readonly alsoFree?: Uint8Array;
}

/**
 * Moves the mask's edge onto the object's: a graph cut with the object and background colour
 * models over a band around the edge; the mask outside the band stays as it is.
 */
export function refineInBand(image: Image, mask: Mask, models: ObjectModels, options: BandOptions): Mask {
  const { width, height, rgb } = image;
  const outer = dilateMask(mask, options.band);
  const inverse = new Uint8Array(mask.data.length);
  for (let i = 0; i < inverse.length; i++) inverse[i] = mask.data[i] ? 0 : 1;
  const outerBackground = dilateMask({ width, height, data: inverse }, options.band);
  const fixed = new Uint8Array(mask.data.length);
  const { alsoFree } = options;
  for (let i = 0; i < fixed.length; i++) {
    if (alsoFree?.[i]) continue;
    if (!outer.data[i]) fixed[i] = Fixed.Background;
    else if (!outerBackground.data[i]) fixed[i] = Fixed.Object;
  }
  const { prior } = options;
  const priorWeight = options.priorWeight ?? 4;
  const labels = cutObject({
    image,
    fixed,
    smoothness: options.smoothness,
    dataCost(i, out) {
      const r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
      out[0] = colourCost(models.object, r, g, b);
      out[1] = colourCost(models.background, r, g, b);
      if (prior) {
        out[0] += priorWeight * (1 - prior[i]);
        out[1] += priorWeight * prior[i];
      }
    },
  });
  return { width, height, data: labels };
}
