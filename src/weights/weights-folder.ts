/**
 * The weights folder: where `inpaint weights import` stores releases and where `--weights NAME`
 * finds them. Chosen by `--weights-dir`, else `INPAINT_WEIGHTS`, else a per-user cache folder
 * ($XDG_CACHE_HOME/inpaint/weights, by default ~/.cache/inpaint/weights). Each release sits in
 * `<folder>/<model>/<name>/`: one `<sub-network>.safetensors` per sub-network and `release.json`,
 * the record of what was imported (source files and their SHA-256, the stored files' SHA-256).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import type { CheckpointLayout } from './release.js';

export const RECORD_FILE = 'release.json';

const fileRecord = z.object({ file: z.string(), sha256: z.string(), bytes: z.number() });

/** What release.json records about an imported release. */
export const releaseRecordSchema = z.object({
  model: z.string(),
  name: z.string(),
  /** The official release it is, when it is one. */
  release: z.string().optional(),
  importedAt: z.string(),
  sources: z.array(fileRecord),
  stored: z.array(fileRecord.extend({ subNetwork: z.string() })),
});
export type ReleaseRecord = z.infer<typeof releaseRecordSchema>;

/** The weights folder: the flag, else INPAINT_WEIGHTS, else the per-user cache folder. */
export function weightsFolder(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.INPAINT_WEIGHTS) return resolve(env.INPAINT_WEIGHTS);
  const cache = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'inpaint', 'weights');
}

/** Where a release named `name` of `model` is stored in `folder`. */
export function releaseFolder(folder: string, model: string, name: string): string {
  return join(folder, model, name);
}

/** The releases of `model` stored in `folder`, by name, with their records. */
export function installedReleases(folder: string, model: string): { name: string; path: string; record: ReleaseRecord }[] {
  const modelFolder = join(folder, model);
  if (!existsSync(modelFolder)) return [];
  return readdirSync(modelFolder)
    .sort()
    .flatMap((name) => {
      const path = join(modelFolder, name);
      const record = readReleaseRecord(path);
      return record ? [{ name, path, record }] : [];
    });
}

/** The record of a stored release folder, or undefined when `path` is not one. */
export function readReleaseRecord(path: string): ReleaseRecord | undefined {
  const file = join(path, RECORD_FILE);
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidInputError(file, 'the JSON record of an imported release', 'a file that is not JSON', { cause: error });
  }
  const record = releaseRecordSchema.safeParse(parsed);
  if (!record.success) throw new InvalidInputError(file, 'the record of an imported release', 'a record without model, name, sources and stored files');
  return record.data;
}

/** How a stored release's files hold its sub-networks. */
export function storedLayout(record: ReleaseRecord): CheckpointLayout {
  return { files: record.stored.map(({ file, subNetwork }) => ({ subNetwork, fileName: file })) };
}

/**
 * What `--weights VALUE` names for `model`: a file or folder when one exists at that path, else the
 * release of that name in the weights folder. Otherwise an error listing the releases there.
 */
export function resolveWeights(value: string, model: string, folder: string): string {
  if (existsSync(value)) return resolve(value);
  const stored = releaseFolder(folder, model, value);
  if (!/[/\\]/.test(value) && existsSync(stored) && statSync(stored).isDirectory() && readReleaseRecord(stored)) return stored;
  const names = installedReleases(folder, model).map((release) => release.name);
  const installed = names.length > 0 ? `(${names.join(', ')})` : '(none yet: inpaint weights import FILE --model ' + model + ')';
  throw new InvalidOptionError('--weights', `a weights file or folder, or a release of ${model} in ${folder} ${installed}`, value);
}
