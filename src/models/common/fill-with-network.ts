/**
 * A loaded network on an Image and Mask: the fill strategy (fill-strategy.ts) around one forward
 * pass per crop, with the pixels and the hole converted as the description says (value-range.ts).
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
  signal?: AbortSignal,
): Image {
  throwIfCancelled(signal);
  return fillAnySize(image, mask, network, (onGrid, hole) => noGrad(() => tidy(() => {
    const inputs = network.input(imageToNetwork(onGrid, network.valueRange), maskToNetwork(hole, network.maskConvention), options);
    return imageFromNetwork(network.forward(net, inputs, options), network.valueRange);
  })));
}

/** fillWithNetwork for a network with forwardSeveral: every fill it makes, each through the same crop. */
export function fillSeveralWithNetwork<Net extends DisposableModel, Inputs, Options extends NetworkOptionValues>(
  network: NetworkDefinition<Net, Inputs, Options> & Required<Pick<NetworkDefinition<Net, Inputs, Options>, 'forwardSeveral'>>,
  net: Net,
  image: Image,
  mask: Mask,
  options: Options,
  signal?: AbortSignal,
): Image[] {
  throwIfCancelled(signal);
  return fillSeveralAnySize(image, mask, network, (onGrid, hole) => noGrad(() => tidy(() => {
    const inputs = network.input(imageToNetwork(onGrid, network.valueRange), maskToNetwork(hole, network.maskConvention), options);
    return network.forwardSeveral(net, inputs, options).map((filled) => imageFromNetwork(filled, network.valueRange));
  })));
}
