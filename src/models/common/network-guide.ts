/**
 * The guide image a network's options name (network.ts's guideOption), read for one fill: the
 * user's file, which must be the size of the image it steers.
 */
import { InvalidInputError } from '../../core/errors.js';
import type { Image } from '../../core/image.js';
import { readImage } from '../../io/read-image.js';
import type { ImageMethod } from '../../registry/method.js';
import type { VideoMethod } from '../../registry/video-method.js';
import type { NetworkDefinition, NetworkOptionValues } from './network.js';
import type { NetworkMethod } from './network-method.js';

/** The option of a network method that names a guide image (network.ts's guideOption), if any. */
export function guideOptionOf(method: ImageMethod | VideoMethod): string | undefined {
  return (method as Partial<NetworkMethod>).network?.guideOption;
}

/** The guide for `image`, or undefined when the network takes none or none was given. */
export async function readGuide(
  network: Pick<NetworkDefinition, 'id' | 'guideOption'>,
  options: NetworkOptionValues,
  image: Image,
  signal?: AbortSignal,
): Promise<Image | undefined> {
  const option = network.guideOption;
  const path = option === undefined ? undefined : options[option];
  if (typeof path !== 'string') return undefined;
  const guide = await readImage(path, { signal });
  if (guide.width !== image.width || guide.height !== image.height) {
    throw new InvalidInputError(path, `a ${network.id} ${option} image the size of the image (${image.width}x${image.height})`, `${guide.width}x${guide.height}`);
  }
  return guide;
}
