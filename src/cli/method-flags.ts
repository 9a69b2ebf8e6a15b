import type { Command } from 'commander';
import { InvalidOptionError } from '../core/errors.js';
import { defaultMethodId, getMethod, methods } from '../methods.js';
import { parseOptions } from '../registry/parse-options.js';
import { collectSetOption, type RawOptions } from './option-values.js';

export interface MethodFlags {
  readonly method: string;
  readonly set?: RawOptions;
  readonly weights?: string;
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
    .option('--weights <file>', 'trained weights for a network method (deepfillv2: .pth or .safetensors); same as --set weights=FILE');
}

/**
 * Validates the method and its options before any file is read, so that a typo fails at once
 * (exit 2) rather than after minutes of work or once per file of a batch.
 */
export function resolveMethodFlags(flags: MethodFlags): { method: string; options: Record<string, unknown> } {
  const method = getMethod(flags.method);
  if (flags.weights === undefined) {
    const options = parseOptions(method, flags.set);
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
  return { method: method.id, options: parseOptions(method, { ...flags.set, weights: flags.weights }) };
}
