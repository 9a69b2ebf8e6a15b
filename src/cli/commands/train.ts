import { Option, type Command } from 'commander';
import { InvalidOptionError } from '../../core/errors.js';
import { trainDeepFill } from '../../models/deepfill/train.js';
import { prepareOutputFolder } from '../../io/output-folder.js';
import { checkResumable } from '../train-resume.js';
import { integerParser } from '../option-values.js';
import { createProgressBar } from '../progress-bar.js';
import type { CliEnvironment } from '../terminal.js';

interface TrainFlags {
  readonly model: string;
  readonly images: string;
  readonly masks?: string;
  readonly out: string;
  readonly size: number;
  readonly batch: number;
  readonly cnum?: number;
  readonly dCnum?: number;
  readonly steps?: number;
  readonly minutes?: number;
  readonly lr: number;
  readonly checkpointEvery: number;
  readonly logEvery: number;
  readonly resume?: boolean;
  readonly seed: number;
}

export function registerTrainCommand(program: Command, env: CliEnvironment): void {
  program
    .command('train')
    .description('train a network method on a folder of photos (checkpoints, resume, loss log as CSV and PNG)')
    .addOption(new Option('--model <id>', 'the network to train').choices(['deepfillv2']).makeOptionMandatory())
    .requiredOption('--images <folder>', 'training photos (PNG, JPEG, WebP, TIFF); random crops of --size are taken')
    .option('--masks <folder>', 'hole masks to draw from (scaled to --size); default: generated free-form strokes and boxes')
    .requiredOption('--out <folder>', 'where checkpoints and the loss log go (created if missing)')
    .option('--size <n>', 'crop size in pixels, a multiple of 8', integerParser('--size', 64), 256)
    .option('--batch <n>', 'images per step', integerParser('--batch', 1), 4)
    .option('--cnum <n>', 'generator width, a multiple of 4 (official: 48); smaller trains faster', integerParser('--cnum', 4))
    .option('--d-cnum <n>', 'discriminator width (the port: 64)', integerParser('--d-cnum', 1))
    .option('--steps <n>', 'stop at this step (counting steps before a resume)', integerParser('--steps', 1))
    .option('--minutes <m>', 'stop after this many minutes of this run', positiveNumber('--minutes'))
    .option('--lr <rate>', 'Adam learning rate of both networks', positiveNumber('--lr'), 1e-4)
    .option('--checkpoint-every <n>', 'write the checkpoint and the loss plot every n steps', integerParser('--checkpoint-every', 1), 100)
    .option('--log-every <n>', 'print the losses every n steps', integerParser('--log-every', 1), 10)
    .option('--resume', 'continue the run in --out (weights, step and Adam\'s moment estimates); --cnum and --d-cnum, if given, must be the run\'s own')
    .option('--seed <n>', 'seed of the initial weights, crops and masks', integerParser('--seed', 0), 0)
    .addHelpText(
      'after',
      [
        '',
        'Writes OUT/generator.safetensors (for --method deepfillv2 --weights), OUT/discriminator.safetensors,',
        'OUT/training.json, OUT/losses.csv and OUT/losses.png. Ctrl-C saves a checkpoint and stops.',
        '',
        'Examples:',
        '  $ inpaint train --model deepfillv2 --images photos/ --out runs/a --size 128 --cnum 24 --minutes 30',
        '  $ inpaint train --model deepfillv2 --images photos/ --out runs/a --size 128 --minutes 30 --resume',
      ].join('\n'),
    )
    .action((flags: TrainFlags) => train(flags, env));
}

async function train(flags: TrainFlags, env: CliEnvironment): Promise<void> {
  if (flags.steps === undefined && flags.minutes === undefined) {
    throw new InvalidOptionError('--steps or --minutes', 'a limit on the run', undefined);
  }
  await prepareOutputFolder(flags.out, '--out');
  if (flags.resume) await checkResumable(flags);
  const bar = createProgressBar(env.stderr, 'train ');
  const result = await trainDeepFill({
    imagesDir: flags.images,
    masksDir: flags.masks,
    outDir: flags.out,
    size: flags.size,
    batchSize: flags.batch,
    cnum: flags.cnum,
    dCnum: flags.dCnum,
    steps: flags.steps,
    minutes: flags.minutes,
    lr: flags.lr,
    checkpointEvery: flags.checkpointEvery,
    resume: flags.resume ?? false,
    seed: flags.seed,
    signal: env.signal,
    onNote: (message) => bar.log(`note: ${message}`),
    onStep: (row, fraction) => {
      const text = `step ${row.step} d ${row.dLoss.toFixed(4)} g ${row.gGan.toFixed(4)} l1 ${row.ae.toFixed(4)}`;
      bar.update(fraction, text);
      if (row.step % flags.logEvery === 0) bar.log(`${text} (${row.seconds.toFixed(0)} s)`);
    },
  }).finally(() => bar.clear());
  env.stderr.write(`trained to step ${result.step} (${(result.seconds / 60).toFixed(1)} min in all): ${flags.out}/generator.safetensors\n`);
}

function positiveNumber(flag: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new InvalidOptionError(flag, 'a number > 0', text);
    return value;
  };
}
