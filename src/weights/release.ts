/**
 * Official weight releases as data: where a network's state dicts sit in the files its authors
 * publish (CheckpointLayout), and each release by name (WeightRelease). `readStateDicts` turns a
 * file or a folder into the network's state dicts by sub-network name, according to a layout.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError } from '../core/errors.js';
import { findStateDict, readCheckpoint, Tensor, type Checkpoint, type StateDict } from '../torch/index.js';
import { flattenCheckpoint } from '../torch/serialization/flatten-checkpoint.js';

/** One file of a release and the sub-network whose state dict it holds. */
export interface CheckpointFile {
  /** The sub-network it feeds, as the network names its parts ('generator', 'edge', 'inpainting'). */
  readonly subNetwork: string;
  /**
   * The official file name (EdgeConnect's `EdgeModel_gen.pth`), looked for in a release folder.
   * Without one the layout is a single file, read under whatever name it has.
   */
  readonly fileName?: string;
  /**
   * Keys under which the file may nest the state dict, tried in order; a dotted path reaches deeper
   * (`models.generator`). When none is there, the file's only or obvious state dict is taken.
   */
  readonly keys?: readonly string[];
  /**
   * The whole file is the state dict, nested names joined by dots: for a release that stores more
   * than a module's state (Torch7's `{model = ..., mean = ...}` gives `model.0.weight`, `mean`).
   */
  readonly whole?: boolean;
}

/** Where a network's state dicts sit in the files of an official release. */
export interface CheckpointLayout {
  /** One entry per file: one for most networks, several for a multi-file release. */
  readonly files: readonly CheckpointFile[];
  /** Drop the `module.` prefix nn.DataParallel gives every key (default true). */
  readonly stripModulePrefix?: boolean;
}

/** An official release of a network's weights, as its authors publish it. Nothing is downloaded. */
export interface WeightRelease {
  /** The name `--weights NAME` finds it by in the weights folder (`places2`). */
  readonly name: string;
  /** What it was trained on or for, one line. */
  readonly description: string;
  /** Where the authors publish it (a URL, or the README section that links it). */
  readonly publishedAt: string;
  /** The file names the release comes as. */
  readonly files: readonly string[];
  readonly layout: CheckpointLayout;
}

/** The key candidates training scripts commonly nest a generator's state dict under. */
export const COMMON_NESTED_KEYS: readonly string[] = ['generator', 'netG', 'G', 'model', 'state_dict'];

/** A layout of one file holding one sub-network's state dict under one of `keys`. */
export function singleFileLayout(subNetwork: string, keys: readonly string[] = COMMON_NESTED_KEYS): CheckpointLayout {
  return { files: [{ subNetwork, keys }] };
}

/**
 * The state dicts of a release by sub-network name, from one file (a single-file layout, or a file
 * named as one of a multi-file layout's files) or a folder holding the layout's files.
 */
export async function readStateDicts(path: string, layout: CheckpointLayout): Promise<Map<string, StateDict>> {
  const info = await stat(path).catch((error: unknown) => {
    throw new InvalidInputError(path, 'a weights file or folder', (error as Error).message, { cause: error });
  });
  const strip = layout.stripModulePrefix ?? true;
  const result = new Map<string, StateDict>();
  const read = async (file: string, entry: CheckpointFile): Promise<void> => {
    const stateDict = stateDictIn(await readCheckpoint(file), entry, file);
    result.set(entry.subNetwork, strip ? withoutModulePrefix(stateDict) : stateDict);
  };

  if (info.isDirectory()) {
    for (const entry of layout.files) {
      const name = entry.fileName;
      if (name === undefined) {
        throw new InvalidInputError(path, 'a weights file (this network\'s weights are one file)', 'a folder');
      }
      const file = join(path, name);
      const exists = await stat(file).then((found) => found.isFile(), () => false);
      if (!exists) throw new InvalidInputError(path, `a folder holding ${expectedNames(layout)}`, `a folder without ${name}`);
      await read(file, entry);
    }
    return result;
  }
  if (layout.files.length === 1) {
    await read(path, layout.files[0]);
    return result;
  }
  const split = splitBySubNetwork(await readCheckpoint(path), layout);
  if (!split) {
    throw new InvalidInputError(path, `a folder holding ${expectedNames(layout)} (this release is several files), or one file of ours holding each under its name`, 'one file');
  }
  return split;
}

/**
 * A multi-file release in one file, as `inpaint train` writes it: one state dict whose keys start
 * with each sub-network's name (`edge.encoder.1.weight`, `inpaint.encoder.1.weight`).
 */
function splitBySubNetwork(checkpoint: Checkpoint, layout: CheckpointLayout): Map<string, StateDict> | undefined {
  if (!(checkpoint instanceof Map)) return undefined;
  const result = new Map<string, StateDict>(layout.files.map((entry) => [entry.subNetwork, new Map()]));
  for (const [key, tensor] of checkpoint) {
    const dot = key.indexOf('.');
    const part = result.get(key.slice(0, dot));
    if (dot < 0 || !part || !(tensor instanceof Tensor)) return undefined;
    part.set(key.slice(dot + 1), tensor);
  }
  return [...result.values()].every((part) => part.size > 0) ? result : undefined;
}

function expectedNames(layout: CheckpointLayout): string {
  return layout.files.map((entry) => entry.fileName ?? `the ${entry.subNetwork} file`).join(' and ');
}

function stateDictIn(checkpoint: Checkpoint, entry: CheckpointFile, file: string): StateDict {
  if (entry.whole) return flattenCheckpoint(checkpoint);
  const isObject = checkpoint !== null && typeof checkpoint === 'object' && !(checkpoint instanceof Map) && !Array.isArray(checkpoint);
  for (const key of entry.keys ?? []) {
    if (isObject && hasPath(checkpoint, key)) return findStateDict(checkpoint, key);
  }
  try {
    return findStateDict(checkpoint);
  } catch (error) {
    if (error instanceof InvalidInputError) {
      throw new InvalidInputError(file, `the ${entry.subNetwork}'s state dict`, error.received, { cause: error });
    }
    throw error;
  }
}

function hasPath(value: Checkpoint, dotted: string): boolean {
  let at: Checkpoint = value;
  for (const part of dotted.split('.')) {
    if (at === null || typeof at !== 'object' || at instanceof Map || Array.isArray(at) || !(part in at)) return false;
    at = (at as Record<string, Checkpoint>)[part];
  }
  return true;
}

/** The keys without DataParallel's `module.` prefix, when every key has it. */
export function withoutModulePrefix(stateDict: StateDict): StateDict {
  const keys = [...stateDict.keys()];
  if (keys.length === 0 || !keys.every((key) => key.startsWith('module.'))) return stateDict;
  return new Map([...stateDict].map(([key, value]) => [key.slice('module.'.length), value]));
}
