import type { Command } from 'commander';
import { InvalidOptionError } from '../core/errors.js';
import { defaultMethodId, getMethod, methods } from '../methods.js';
import { parseOptions } from '../registry/parse-options.js';
import { resolveWeights, weightsFolder } from '../weights/weights-folder.js';
import { collectSetOption, type RawOptions } from './option-values.js';

export interface MethodFlags {
  readonly method: string;
  readonly set?: RawOptions;
  readonly weights?: string;
  readonly weightsDir?: string;
}

/** `--method` and repeatable `--set key=value`, shared by every command that inpaints. */
export function addMethodFlags(command: Command): Command {
  return command
    .option('-m, --method <id>', `inpainting method: ${methods.map((m) => m.id).join(', ')} (see: inpaint methods)`, defaultMethodId)
    .option(
      '--set <key=value>',
      'set a method option, repeatable, e.g. --set radius=5 (numbers and true/false are converted)',
      collectSetOption,
    )
    .option(
      '--weights <file|name>',
      'trained weights for a network method: a file (deepfillv2: .pth or .safetensors), a release folder, or the name of a release in the weights folder (see: inpaint weights); same as --set weights=',
    )
    .option('--weights-dir <folder>', 'the weights folder --weights NAME looks in (default: $INPAINT_WEIGHTS, else ~/.cache/inpaint/weights)');
}

/**
 * Validates the method and its options before any file is read, so that a typo fails at once
 * (exit 2) rather than after minutes of work or once per file of a batch. A weights name is
 * resolved to its release folder here.
 */
export function resolveMethodFlags(flags: MethodFlags): { method: string; options: Record<string, unknown> } {
  const method = getMethod(flags.method);
  const named = (set: RawOptions | undefined): RawOptions | undefined => {
    const weights = set?.weights;
    if (!method.needsWeights || typeof weights !== 'string') return set;
    return { ...set, weights: resolveWeights(weights, method.id, weightsFolder(flags.weightsDir)) };
  };
  if (flags.weights === undefined) {
    const options = parseOptions(method, named(flags.set));
    if (method.needsWeights && options.weights === undefined) {
      throw new InvalidOptionError('--weights', `a weights file for ${method.id} (it has no built-in weights)`, undefined);
    }
    return { method: method.id, options };
  }
  if (!method.needsWeights) {
    throw new InvalidOptionError('--weights', `a method that needs weights (${methods.filter((m) => m.needsWeights).map((m) => m.id).join(', ')})`, flags.method);
  }
  if (flags.set?.weights !== undefined && flags.set.weights !== flags.weights) {
    throw new InvalidOptionError('--weights', 'one weights file (--weights and --set weights= differ)', flags.weights);
  }
  return { method: method.id, options: parseOptions(method, named({ ...flags.set, weights: flags.weights })) };
}
