/**
 * EdgeConnect's edge stage alone, as the official test's model 1 runs it: the edge generator's map
 * inside the hole, the grey image's Canny edges (sigma 2, outside the hole) everywhere else. It is
 * what `--set edges=FILE` takes back: draw on it, then fill from it with mode=inpaint.
 */
import { checkImage, checkMask } from '../../core/check-arguments.js';
import { throwIfCancelled } from '../../core/errors.js';
import { assertSameSize, createImage, type Image, type Mask } from '../../core/image.js';
import { cat, noGrad, tidy } from '../../torch/index.js';
import { fillAnySize } from '../common/fill-strategy.js';
import { defaultNetworkOptions } from '../common/network.js';
import { cachedNetwork, weightsFile } from '../common/network-weights.js';
import { imageFromNetwork, imageToNetwork, maskToNetwork } from '../common/value-range.js';
import { grayAndEdges } from './edges.js';
import { edgeConnect, predictEdges, type EdgeConnectOptions } from './network.js';

export interface EdgeMapOptions {
  /** An EdgeConnect release folder (EdgeModel_gen.pth) or a file of ours, as the method's `weights`. */
  readonly weights: string;
  readonly signal?: AbortSignal;
}

/**
 * The edge map of `image` with its hole (mask 1 = hole) completed: white = edge, as a grey RGB
 * image. The edge generator runs through the fill strategy (a large image's hole with context
 * around it), on the calling thread.
 */
export async function edgeConnectEdgeMap(image: Image, mask: Mask, options: EdgeMapOptions): Promise<Image> {
  checkImage(image, 'image');
  checkMask(mask, 'mask');
  assertSameSize(image, mask, 'image');
  const generators = await cachedNetwork(edgeConnect, await weightsFile(edgeConnect, options.weights));
  throwIfCancelled(options.signal);
  const defaults = defaultNetworkOptions(edgeConnect) as EdgeConnectOptions;
  return noGrad(() => {
    const drawn = fillAnySize(image, mask, edgeConnect, (onGrid, hole) => tidy(() => {
      const inputs = edgeConnect.input(imageToNetwork(onGrid, edgeConnect.valueRange), maskToNetwork(hole, edgeConnect.maskConvention), defaults);
      const edges = predictEdges(generators.edge, inputs);
      return imageFromNetwork(cat([edges, edges, edges], 1), { kind: '[0,1]' });
    }));
    const canny = tidy(() => grayAndEdges(imageToNetwork(image, edgeConnect.valueRange), maskToNetwork(mask, '1 = hole')).edges.toArray() as Float32Array);
    const rgb = new Uint8Array(image.width * image.height * 3);
    for (let p = 0; p < mask.data.length; p++) rgb.fill(mask.data[p] ? drawn.rgb[p * 3] : canny[p] * 255, p * 3, p * 3 + 3);
    return createImage(image.width, image.height, rgb);
  });
}
