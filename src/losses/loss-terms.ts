/**
 * The rule for training with a paper's loss: every term the paper uses is on unless turned off by
 * name; a term that needs torchvision's VGG weights, left on without the file, stops training
 * with MissingVggWeightsError (what file, where torchvision publishes it, where to put it). The
 * terms used are recorded in the checkpoint, so a run says what it optimised.
 */
import { existsSync } from 'node:fs';
import { InvalidOptionError, MissingVggWeightsError } from '../core/errors.js';
import type { Tensor } from '../torch/index.js';
import type { VggDepth } from './vgg.js';
import { VGG_RELEASES, vggWeightsPath } from './vgg-weights.js';

/** One named term of a network's training loss, with its paper weight. */
export interface LossTerm {
  name: string;
  weight: number;
  /** The VGG the term runs its images through, if any. */
  vgg?: VggDepth;
}

export interface LossTermsOptions {
  /** The network's id, for messages. */
  model: string;
  /** Names of terms turned off explicitly. */
  off?: readonly string[];
  /** The weights folder where torchvision's files are found by name. */
  weightsDir?: string;
  /** An explicit file per VGG depth, in place of the weights folder's. */
  vggFiles?: Partial<Record<VggDepth, string>>;
}

/** The terms a run uses and the VGG files they need. */
export interface ResolvedLossTerms {
  terms: LossTerm[];
  vggFiles: Partial<Record<VggDepth, string>>;
}

/** What a checkpoint records: every paper term with its weight, and whether it was used. */
export interface LossTermsRecord {
  terms: { name: string; weight: number; used: boolean }[];
}

/**
 * The paper's terms minus those turned off, with the VGG file each VGG depth still needed
 * resolves to. Throws InvalidOptionError for an unknown name in off, MissingVggWeightsError when
 * a VGG term is on and its file is not there.
 */
export function resolveLossTerms(paperTerms: readonly LossTerm[], options: LossTermsOptions): ResolvedLossTerms {
  const names = paperTerms.map((term) => term.name);
  const off = new Set(options.off ?? []);
  for (const name of off) {
    if (!names.includes(name)) throw new InvalidOptionError('loss term to turn off', `one of ${names.join(', ')}`, name);
  }
  const terms = paperTerms.filter((term) => !off.has(term.name));
  const vggFiles: Partial<Record<VggDepth, string>> = {};
  for (const depth of [16, 19] as const) {
    const needing = terms.filter((term) => term.vgg === depth).map((term) => term.name);
    if (needing.length === 0) continue;
    const release = VGG_RELEASES[depth];
    const path = options.vggFiles?.[depth] ?? (options.weightsDir ? vggWeightsPath(options.weightsDir, depth) : undefined);
    if (!path || !existsSync(path)) {
      throw new MissingVggWeightsError(options.model, release.file, release.url,
        path ?? `the weights folder (${release.file})`, needing);
    }
    vggFiles[depth] = path;
  }
  return { terms, vggFiles };
}

/** The record to store in a checkpoint: each paper term, its weight, and whether this run used it. */
export function lossTermsRecord(paperTerms: readonly LossTerm[], used: readonly LossTerm[]): LossTermsRecord {
  const usedNames = new Set(used.map((term) => term.name));
  return { terms: paperTerms.map((term) => ({ name: term.name, weight: term.weight, used: usedNames.has(term.name) })) };
}

/**
 * The terms in use, each computed by its entry in `compute` in the terms' order (the order the
 * official code sums them in), and their weighted sum.
 */
export function weightedLossTerms(terms: readonly LossTerm[], compute: Readonly<Record<string, () => Tensor>>): { total: Tensor; terms: Record<string, Tensor> } {
  const values: Record<string, Tensor> = {};
  let total: Tensor | undefined;
  for (const term of terms) {
    values[term.name] = compute[term.name]();
    const weighted = values[term.name].mul(term.weight);
    total = total ? total.add(weighted) : weighted;
  }
  return { total: total!, terms: values };
}
