import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { NetworkDescription } from '../../src/models/common/network.js';
import { saveSafetensors, type StateDict } from '../../src/torch/index.js';

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
