import type { Command } from 'commander';
import { InvalidOptionError } from '../core/errors.js';

/** Flags that are meant to be given many times. */
const repeatable = new Set(['set']);

/**
 * Refuses a flag given twice (`-o a.png -o b.png`), which commander would settle silently by
 * keeping the last: one of the two was a mistake, and which is not ours to guess. Counts each
 * occurrence through commander's own `option:<name>` events, on every command of `program`.
 */
export function refuseRepeatedFlags(program: Command): void {
  for (const command of [program, ...program.commands]) {
    for (const option of command.options) {
      const name = option.name();
      if (repeatable.has(name)) continue;
      const values: unknown[] = [];
      command.on(`option:${name}`, (value: unknown) => {
        values.push(value ?? true);
        if (values.length > 1) throw new InvalidOptionError(option.long ?? option.flags, 'the flag once', values);
      });
    }
  }
}
