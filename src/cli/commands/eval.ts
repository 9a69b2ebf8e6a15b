import type { Command } from 'commander';
import { evaluateMethod } from '../../eval/evaluate-method.js';
import { formatEvalReport } from '../../eval/report.js';
import { addMethodFlags, resolveMethodFlags, type MethodFlags } from '../method-flags.js';
import { createProgressBar } from '../progress-bar.js';
import type { CliEnvironment } from '../terminal.js';

interface EvalFlags extends MethodFlags {
  readonly data: string;
  readonly out?: string;
  readonly json?: boolean;
}

export function registerEvalCommand(program: Command, env: CliEnvironment): void {
  const command = program
    .command('eval')
    .description('score a method on the benchmark data: PSNR, SSIM, L1 and sharpness per hole-size bucket')
    .requiredOption('--data <folder>', 'benchmark data folder holding images/NAME.png and masks/BUCKET/NN.png');
  addMethodFlags(command);
  command
    .option('--out <folder>', 'also write each scored output there, as <image>__<bucket>.png')
    .option('--json', 'print the whole report (every pair, every bucket) as JSON instead of the table')
    .addHelpText(
      'after',
      ['', 'Examples:', '  $ inpaint eval --data ../shared/data --method telea', '  $ inpaint eval --data ../shared/data --method patchmatch --set patchSize=9 --json > report.json'].join('\n'),
    )
    .action((flags: EvalFlags) => evaluate(flags, env));
}

async function evaluate(flags: EvalFlags, env: CliEnvironment): Promise<void> {
  const { method, options } = resolveMethodFlags(flags);
  const bar = createProgressBar(env.stderr, `${method} `);
  const report = await evaluateMethod({
    dataDir: flags.data,
    method,
    options,
    outDir: flags.out,
    signal: env.signal,
    onProgress: (fraction, key) => bar.update(fraction, key),
  }).finally(() => bar.clear());
  env.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatEvalReport(report)}\n`);
}
