/**
 * `inpaint weights import`: reads a release (or any weights file) of a network, checks its keys and
 * shapes against the network, and stores it in the weights folder as safetensors, one file per
 * sub-network, with release.json recording the sources' and the stored files' SHA-256. The
 * release folder is written under a temporary name and renamed when complete.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InvalidOptionError } from '../core/errors.js';
import { encodeSafetensors, type StateDict } from '../torch/index.js';
import type { NetworkWeights } from './network-weights.js';
import { layoutFor } from './read-network-weights.js';
import { readStateDicts } from './release.js';
import { RECORD_FILE, releaseFolder, type ReleaseRecord } from './weights-folder.js';

export interface ImportOptions {
  /** The file or folder to import. */
  readonly source: string;
  readonly network: NetworkWeights;
  /** The weights folder. */
  readonly folder: string;
  /** The name to store it under; by default the official release's, which a file that is none must be given. */
  readonly name?: string;
  /** Replace a release of that name already stored. */
  readonly replace?: boolean;
}

/** Imports one release; returns what release.json records and where it was stored. */
export async function importRelease(options: ImportOptions): Promise<{ path: string; record: ReleaseRecord }> {
  const { source, network, folder } = options;
  const { layout, release } = layoutFor(source, network);
  const name = options.name ?? release?.name;
  if (name === undefined) {
    const known = network.releases.map((candidate) => `${candidate.name} (${candidate.files.join(', ')})`).join('; ');
    throw new InvalidOptionError('--name', `a name for these weights (${basename(source)} is none of ${network.model}'s releases: ${known})`, undefined);
  }
  if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) throw new InvalidOptionError('--name', 'a name of letters, digits, ".", "-" and "_"', name);
  const target = releaseFolder(folder, network.model, name);
  const exists = await stat(target).then(() => true, () => false);
  if (exists && !options.replace) {
    throw new InvalidOptionError('--name', `a name not stored yet for ${network.model} (or --replace)`, `${name}, already in ${target}`);
  }

  const stateDicts = await readStateDicts(source, layout);
  try {
    network.check(stateDicts);
    const sourceFiles = (await stat(source)).isDirectory()
      ? layout.files.map((entry) => join(source, entry.fileName ?? ''))
      : [source];
    const record: ReleaseRecord = {
      model: network.model,
      name,
      ...(release ? { release: release.name } : {}),
      importedAt: new Date().toISOString(),
      sources: await Promise.all(sourceFiles.map(async (file) => {
        const bytes = await readFile(file);
        return { file, sha256: sha256(bytes), bytes: bytes.length };
      })),
      stored: [],
    };
    const temporary = join(dirname(target), `.${name}.${process.pid}.tmp`);
    await mkdir(temporary, { recursive: true });
    try {
      for (const [subNetwork, stateDict] of stateDicts) {
        const file = `${subNetwork}.safetensors`;
        const bytes = encodeSafetensors(stateDict, { model: network.model, release: name, source: sourceFiles.join(', ') });
        await writeFile(join(temporary, file), bytes);
        record.stored.push({ file, subNetwork, sha256: sha256(bytes), bytes: bytes.length });
      }
      await writeFile(join(temporary, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
      if (exists) await rm(target, { recursive: true });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { recursive: true, force: true });
      throw error;
    }
    return { path: target, record };
  } finally {
    disposeAll(stateDicts);
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function disposeAll(stateDicts: ReadonlyMap<string, StateDict>): void {
  for (const stateDict of stateDicts.values()) for (const tensor of stateDict.values()) tensor.dispose();
}
