import type { Command } from 'commander';
import { InvalidOptionError } from '../core/errors.js';

/**
 * Refuses a flag given twice (`-o a.png -o b.png`), which commander would settle silently by
 * keeping the last: one of the two was a mistake, and which is not ours to guess. Flags whose
 * help calls them repeatable are collected instead. Counts each
 * occurrence through commander's own `option:<name>` events, on every command of `program`.
 */
export function refuseRepeatedFlags(program: Command): void {
  for (const command of [program, ...program.commands]) {
    for (const option of command.options) {
      const name = option.name();
      // Flags meant to be given many times (--set, --key, --point, serve's --weights, ...) say so in their help.
      if (/\brepeatable\b/.test(option.description)) continue;
      const values: unknown[] = [];
      command.on(`option:${name}`, (value: unknown) => {
        values.push(value ?? true);
        if (values.length > 1) throw new InvalidOptionError(option.long ?? option.flags, 'the flag once', values);
      });
    }
  }
}
