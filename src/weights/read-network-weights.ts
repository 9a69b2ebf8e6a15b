/**
 * A network's state dicts from whatever `--weights` names: a release stored in the weights folder
 * (its release.json says which safetensors file feeds which sub-network), a folder holding an
 * official release's files, a file of an official release (known by its name), or any other file
 * (the network's own layout: nested keys, `module.` prefix).
 */
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InvalidInputError } from '../core/errors.js';
import type { StateDict } from '../torch/index.js';
import type { NetworkWeights } from './network-weights.js';
import { readStateDicts, type CheckpointLayout, type WeightRelease } from './release.js';
import { readReleaseRecord, storedLayout } from './weights-folder.js';

/** What reading needs of a network's weights description: its releases and its own layout. */
type WeightsLayouts = Pick<NetworkWeights, 'model' | 'releases' | 'layout'>;

/** The state dicts at `path` by sub-network, read with the layout that fits what is there. */
export async function readNetworkWeights(path: string, network: WeightsLayouts): Promise<Map<string, StateDict>> {
  return readStateDicts(path, layoutFor(path, network).layout);
}

/** The layout `path` is read with, and the official release it is when it is one. */
export function layoutFor(path: string, network: WeightsLayouts): { layout: CheckpointLayout; release?: WeightRelease } {
  if (!existsSync(path)) throw new InvalidInputError(path, `${network.model} weights (a file or a folder)`, 'a path that does not exist');
  if (statSync(path).isDirectory()) {
    const record = readReleaseRecord(path);
    if (record) return { layout: storedLayout(record) };
    const release = network.releases.find((candidate) => candidate.files.every((file) => existsSync(join(path, file))));
    if (release) return { layout: release.layout, release };
    const expected = network.releases.map((candidate) => candidate.files.join(' + ')).join('; ');
    throw new InvalidInputError(path, `a folder holding one of ${network.model}'s releases (${expected || 'none known'}) or one stored by inpaint weights import`,
      'a folder of neither');
  }
  const release = network.releases.find((candidate) => candidate.layout.files.length === 1 && candidate.files.includes(basename(path)));
  return release ? { layout: release.layout, release } : { layout: network.layout };
}
