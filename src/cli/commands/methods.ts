import type { Command } from 'commander';
import { describeMethods, formatMethods } from '../method-catalogue.js';
import type { CliEnvironment } from '../terminal.js';

export function registerMethodsCommand(program: Command, env: CliEnvironment): void {
  program
    .command('methods')
    .description('list the inpainting methods with their options (name, type, default, range)')
    .option('--json', 'print the list as JSON, for scripts')
    .addHelpText('after', ['', 'Examples:', '  $ inpaint methods', '  $ inpaint methods --json'].join('\n'))
    .action((flags: { json?: boolean }) => {
      const infos = describeMethods();
      env.stdout.write(flags.json ? `${JSON.stringify(infos, null, 2)}\n` : `${formatMethods(infos)}\n`);
    });
}
