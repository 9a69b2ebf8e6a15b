import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { NetworkDescription } from '../../src/models/common/network.js';
import { saveSafetensors, zeros, type StateDict } from '../../src/torch/index.js';

/** State dicts written under `folder` as the network's release: one file, or a folder of its official file names. */
export async function writeRelease(
  folder: string,
  network: Pick<NetworkDescription, 'id' | 'checkpoint'>,
  stateDicts: Map<string, StateDict>,
  name: string,
): Promise<string> {
  const { files } = network.checkpoint;
  if (files.length === 1) {
    const path = join(folder, `${network.id}-${name}.safetensors`);
    await saveSafetensors(path, stateDicts.get(files[0].subNetwork)!);
    return path;
  }
  const release = join(folder, `${network.id}-${name}`);
  await mkdir(release);
  for (const file of files) await saveSafetensors(join(release, file.fileName!), stateDicts.get(file.subNetwork)!);
  return release;
}

/**
 * The network's random weights with one key gone and one that fits nothing added, written as its
 * release: what the contract tests load to see a StateDictMismatchError list both, with shapes.
 */
export async function writeMismatchedRelease(
  folder: string,
  network: Pick<NetworkDescription, 'id' | 'checkpoint'> & { randomWeights(): Map<string, StateDict> },
): Promise<{ path: string; missing: string; unexpected: string }> {
  const stateDicts = network.randomWeights();
  const [subNetwork, stateDict] = [...stateDicts][0];
  const [dropped, droppedTensor] = [...stateDict].at(-1)!;
  const altered = new Map(stateDict);
  altered.delete(dropped);
  altered.set('not_a_layer.weight', zeros([2, 3]));
  stateDicts.set(subNetwork, altered);
  const path = await writeRelease(folder, network, stateDicts, 'altered');
  return { path, missing: `missing keys: ${dropped} [${droppedTensor.shape.join(', ')}]`, unexpected: 'unexpected keys: not_a_layer.weight [2, 3]' };
}
