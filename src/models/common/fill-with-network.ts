/**
 * A loaded network on an Image and Mask (and the user's guide image, when the network takes one):
 * the fill strategy (fill-strategy.ts) around one forward pass per crop, with the pixels and the
 * hole converted as the description says (value-range.ts).
 * Synchronous from start to end, so the network cannot be swapped out of the cache meanwhile.
 */
import { throwIfCancelled } from '../../core/errors.js';
import type { Image, Mask } from '../../core/image.js';
import { noGrad, tidy } from '../../torch/index.js';
import { fillAnySize, fillSeveralAnySize } from './fill-strategy.js';
import type { DisposableModel } from './model-cache.js';
import type { NetworkDefinition, NetworkOptionValues } from './network.js';
import { imageFromNetwork, imageToNetwork, maskToNetwork } from './value-range.js';

export function fillWithNetwork<Net extends DisposableModel, Inputs, Options extends NetworkOptionValues>(
  network: NetworkDefinition<Net, Inputs, Options>,
  net: Net,
  image: Image,
  mask: Mask,
  options: Options,
  guide?: Image,
  signal?: AbortSignal,
): Image {
  throwIfCancelled(signal);
  return fillAnySize(image, mask, network, (onGrid, hole, guideOnGrid) => noGrad(() => tidy(() => {
    const inputs = networkInputs(network, onGrid, hole, options, guideOnGrid);
    return imageFromNetwork(network.forward(net, inputs, options), network.valueRange);
  })), guide);
}

/** fillWithNetwork for a network with forwardSeveral: every fill it makes, each through the same crop. */
export function fillSeveralWithNetwork<Net extends DisposableModel, Inputs, Options extends NetworkOptionValues>(
  network: NetworkDefinition<Net, Inputs, Options> & Required<Pick<NetworkDefinition<Net, Inputs, Options>, 'forwardSeveral'>>,
  net: Net,
  image: Image,
  mask: Mask,
  options: Options,
  guide?: Image,
  signal?: AbortSignal,
): Image[] {
  throwIfCancelled(signal);
  return fillSeveralAnySize(image, mask, network, (onGrid, hole, guideOnGrid) => noGrad(() => tidy(() => {
    const inputs = networkInputs(network, onGrid, hole, options, guideOnGrid);
    return network.forwardSeveral(net, inputs, options).map((filled) => imageFromNetwork(filled, network.valueRange));
  })), guide);
}

/** The network's inputs from a crop on its grid: pixels and hole converted as it takes them, the guide in [0,1]. */
function networkInputs<Inputs, Options extends NetworkOptionValues>(
  network: NetworkDefinition<DisposableModel, Inputs, Options>,
  image: Image,
  hole: Mask,
  options: Options,
  guide: Image | undefined,
): Inputs {
  const pixels = imageToNetwork(image, network.valueRange);
  return network.input(pixels, maskToNetwork(hole, network.maskConvention), options, guide && imageToNetwork(guide, { kind: '[0,1]' }));
}
