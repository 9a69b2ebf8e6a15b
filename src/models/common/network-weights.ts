/**
 * A network's weights from a file or release folder: checked before anything runs, read through
 * the network's checkpoint layout (weights/release.ts), loaded once per thread (model-cache.ts).
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InpaintError, InvalidInputError, InvalidOptionError } from '../../core/errors.js';
import { loadNative } from '../../torch/index.js';
import { readNetworkWeights } from '../../weights/read-network-weights.js';
import { ModelCache, type DisposableModel } from './model-cache.js';
import type { NetworkDefinition, NetworkDescription } from './network.js';

/** A weights file or folder: its absolute path, and a key that changes when the file does. */
export interface WeightsFile {
  readonly path: string;
  readonly key: string;
}

/** The weights' path and identity, after checking that they were given, the engine and the path. */
export async function weightsFile(network: Pick<NetworkDescription, 'id' | 'releases'>, weights: string | undefined): Promise<WeightsFile> {
  if (weights === undefined) {
    const releases = network.releases.map((release) => release.files.join(' + ')).join(', ');
    throw new InvalidOptionError(`${network.id} weights`, `a weights file or folder (--weights: ${releases || 'a checkpoint'}, or a .safetensors file from inpaint train)`, undefined);
  }
  loadNative(); // NativeEngineMissingError, saying what to install, before anything else.
  const path = resolve(weights);
  const info = await stat(path).catch((error: unknown) => {
    throw new InvalidInputError(weights, `readable ${network.id} weights`, (error as Error).message, { cause: error });
  });
  return { path, key: `${path}:${info.size}:${info.mtimeMs}` };
}

/** What loading weights needs of a network, image or video (network.ts, video-network.ts). */
export type LoadableNetwork<Net extends DisposableModel> = Pick<NetworkDefinition<Net>, 'id' | 'releases' | 'checkpoint' | 'load'>;

/** The network with the weights at `path`; a file that does not load is an input error naming it. */
export async function loadNetwork<Net extends DisposableModel>(network: LoadableNetwork<Net>, path: string): Promise<Net> {
  const stateDicts = await readNetworkWeights(path, { model: network.id, releases: network.releases, layout: network.checkpoint }).catch((error: unknown) => {
    if (error instanceof InpaintError) throw error;
    throw new InvalidInputError(path, `${network.id} weights that load`, `${(error as Error).name}: ${(error as Error).message}`, { cause: error });
  });
  try {
    return network.load(stateDicts);
  } finally {
    for (const stateDict of stateDicts.values()) for (const tensor of stateDict.values()) tensor.dispose();
  }
}

/** This thread's loaded networks: the last one used stays loaded. */
const cache = new ModelCache<DisposableModel>(1);

/** The network with these weights, loaded once per thread (concurrent first requests share one load). */
export function cachedNetwork<Net extends DisposableModel>(network: LoadableNetwork<Net>, weights: WeightsFile): Promise<Net> {
  return cache.get(`${network.id}:${weights.key}`, () => loadNetwork(network, weights.path)) as Promise<Net>;
}
