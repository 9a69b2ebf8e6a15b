import type { Command } from 'commander';
import { defaultMethodId, getMethod, methods, parseOptions } from '../registry/registry.js';
import { collectSetOption, type RawOptions } from './option-values.js';

export interface MethodFlags {
  readonly method: string;
  readonly set?: RawOptions;
}

/** `--method` and repeatable `--set key=value`, shared by every command that inpaints. */
export function addMethodFlags(command: Command): Command {
  return command
    .option('-m, --method <id>', `inpainting method: ${methods.map((m) => m.id).join(', ')} (see: inpaint methods)`, defaultMethodId)
    .option(
      '--set <key=value>',
      'set a method option, repeatable, e.g. --set radius=5 (numbers and true/false are converted)',
      collectSetOption,
    );
}

/**
 * Validates the method and its options before any file is read, so that a typo fails at once
 * (exit 2) rather than after minutes of work or once per file of a batch.
 */
export function resolveMethodFlags(flags: MethodFlags): { method: string; options: Record<string, unknown> } {
  const method = getMethod(flags.method);
  return { method: method.id, options: parseOptions(method, flags.set) };
}
