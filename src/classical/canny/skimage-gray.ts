import type { Image } from '../../core/image.js';

/**
 * The grey plane scikit-image's `rgb2gray` makes of an 8-bit RGB image, to the last bit: each
 * channel as float64 times 1/255, weighted 0.2125, 0.7154, 0.0721 (Rec. 709 luma) and summed in
 * the order its matrix product sums them (red plus blue, then green), which is what networks
 * trained on its output (EdgeConnect, PRVS) were fed.
 */
export function skimageGray(image: Image): Float64Array {
  const { rgb } = image;
  const gray = new Float64Array(image.width * image.height);
  const scale = 1 / 255;
  for (let i = 0; i < gray.length; i++) {
    const r = rgb[3 * i] * scale;
    const g = rgb[3 * i + 1] * scale;
    const b = rgb[3 * i + 2] * scale;
    gray[i] = r * 0.2125 + b * 0.0721 + g * 0.7154;
  }
  return gray;
}
