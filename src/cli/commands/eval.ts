import type { Command } from 'commander';
import { evaluateMethod } from '../../eval/evaluate-method.js';
import { formatEvalReport } from '../../eval/report.js';
import { evaluateVideo } from '../../eval/video/evaluate-video.js';
import { formatVideoEvalReport } from '../../eval/video/video-report.js';
import { InvalidOptionError } from '../../core/errors.js';
import { defaultVideoMethodId, videoMethods } from '../../methods.js';
import { addMethodFlags, resolveMethodFlags, type MethodFlags } from '../method-flags.js';
import { createProgressBar } from '../progress-bar.js';
import type { CliEnvironment } from '../terminal.js';

interface EvalFlags extends MethodFlags {
  readonly data: string;
  readonly out?: string;
  readonly json?: boolean;
  readonly video?: boolean;
  readonly clips?: string;
}

export function registerEvalCommand(program: Command, env: CliEnvironment): void {
  const command = program
    .command('eval')
    .description('score a method on the benchmark data: PSNR, SSIM, L1 and sharpness per hole-size bucket')
    .requiredOption('--data <folder>', 'benchmark data folder holding images/NAME.png and masks/BUCKET/NN.png');
  addMethodFlags(command);
  command
    .option('--out <folder>', 'also write each scored output there, as <image>__<bucket>.png (with --video: <clip>/<frame name>)')
    .option('--json', 'print the whole report (every pair, every bucket) as JSON instead of the table')
    .option(
      '--video',
      `score a video method on the clips video/NAME/{frames,masks}/*.png instead: PSNR, SSIM, temporal stability ` +
        `and frames per second per clip (video methods: ${videoMethods.map((m) => m.id).join(', ')}; --method defaults to ${defaultVideoMethodId})`,
    )
    .option('--clips <names>', 'with --video: only these clips, comma-separated (default: every clip)')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ inpaint eval --data ../shared/data --method telea',
        '  $ inpaint eval --data ../shared/data --method patchmatch --set patchSize=9 --json > report.json',
        '  $ inpaint eval --video --data ../shared/data --method per-frame --set imageMethod=telea --out out/video --clips vtest',
      ].join('\n'),
    )
    .action((flags: EvalFlags, cmd: Command) => {
      if (flags.video) return evaluateClips(flags, cmd.getOptionValueSource('method') === 'default', env);
      if (flags.clips !== undefined) throw new InvalidOptionError('--clips', 'to be used with --video', flags.clips);
      return evaluate(flags, env);
    });
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

async function evaluateClips(flags: EvalFlags, methodDefaulted: boolean, env: CliEnvironment): Promise<void> {
  // --method's default is an image method's; a video run without --method takes the video default.
  const method = methodDefaulted ? defaultVideoMethodId : flags.method;
  const clips = flags.clips?.split(',').map((name) => name.trim()).filter((name) => name.length > 0);
  const bar = createProgressBar(env.stderr, `${method} `);
  const report = await evaluateVideo({
    dataDir: flags.data,
    method,
    // --weights is an option like any other: a video method without one refuses it by name.
    options: flags.weights === undefined ? flags.set : { ...flags.set, weights: flags.weights },
    clips,
    outDir: flags.out,
    signal: env.signal,
    onProgress: (fraction, label) => bar.update(fraction, label),
  }).finally(() => bar.clear());
  env.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatVideoEvalReport(report)}\n`);
}
