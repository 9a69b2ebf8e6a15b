import type { Command } from 'commander';
import { InvalidOptionError } from '../../core/errors.js';
import { getTraining, trainings } from '../../methods.js';
import { trainNetwork } from '../../training/train-network.js';
import { describeOptions, formatOptions } from '../method-catalogue.js';
import { collectSetOption, integerParser, type RawOptions } from '../option-values.js';
import { createProgressBar } from '../progress-bar.js';
import type { CliEnvironment } from '../terminal.js';

interface TrainFlags {
  readonly model: string;
  readonly images: string;
  readonly masks?: string;
  readonly out: string;
  readonly set?: RawOptions;
  readonly steps?: number;
  readonly minutes?: number;
  readonly checkpointEvery: number;
  readonly logEvery: number;
  readonly resume?: boolean;
  readonly seed: number;
}

export function registerTrainCommand(program: Command, env: CliEnvironment): void {
  program
    .command('train')
    .description('train a network method on a folder of photos (checkpoints, resume, loss log as CSV and PNG)')
    .requiredOption('--model <id>', `the network to train: ${trainings.map((t) => t.id).join(', ')}`)
    .requiredOption('--images <folder>', 'training photos (PNG, JPEG, WebP, TIFF), read as needed; random crops (scaled so the shorter side is 1 to 3 crops long), random flips; a video network trains on clips, each a camera pan over one photo')
    .option('--masks <folder>', 'hole masks to draw from (scaled to the crop); default: generated free-form strokes and boxes (moving strokes for clips); for a video network, a folder of mask clips (one folder of masks each, as inpaint masks --video writes)')
    .requiredOption('--out <folder>', 'where checkpoints and the loss log go (created if missing)')
    .option('--set <key=value>', 'set a training option of the network, repeatable (see below), e.g. --set size=128', collectSetOption)
    .option('--steps <n>', 'stop at this step (counting steps before a resume)', integerParser('--steps', 1))
    .option('--minutes <m>', 'stop after this many minutes of this run', positiveNumber('--minutes'))
    .option('--checkpoint-every <n>', 'write the checkpoint and the loss plot every n steps', integerParser('--checkpoint-every', 1), 100)
    .option('--log-every <n>', 'print the losses every n steps', integerParser('--log-every', 1), 10)
    .option('--resume', 'continue the run in --out: weights, optimizer states, step, random state and options (--set may change those that do not shape the networks)')
    .option('--seed <n>', 'seed of the initial weights, crops and masks', integerParser('--seed', 0, 0xffffffff), 0)
    .addHelpText(
      'after',
      [
        '',
        'Training options (--set key=value):',
        ...trainings.flatMap((t) => [`${t.id}:`, ...formatOptions(describeOptions(t))]),
        '',
        'Writes OUT/generator.safetensors (for --weights), OUT/discriminator.safetensors, OUT/optimizers.safetensors,',
        'OUT/training.json, OUT/losses.csv (one column per loss term) and OUT/losses.png. Ctrl-C saves a checkpoint and stops.',
        '',
        'Examples:',
        '  $ inpaint train --model deepfillv2 --images photos/ --out runs/a --set size=128 --set cnum=24 --minutes 30',
        '  $ inpaint train --model deepfillv2 --images photos/ --out runs/a --minutes 30 --resume',
      ].join('\n'),
    )
    .action((flags: TrainFlags) => train(flags, env));
}

async function train(flags: TrainFlags, env: CliEnvironment): Promise<void> {
  const training = getTraining(flags.model);
  const bar = createProgressBar(env.stderr, 'train ');
  const result = await trainNetwork(training, {
    imagesDir: flags.images,
    masksDir: flags.masks,
    outDir: flags.out,
    options: flags.set,
    steps: flags.steps,
    minutes: flags.minutes,
    checkpointEvery: flags.checkpointEvery,
    resume: flags.resume ?? false,
    seed: flags.seed,
    signal: env.signal,
    onNote: (message) => bar.log(`note: ${message}`),
    onStep: (progress) => {
      const terms = Object.entries(progress.terms).map(([name, value]) => `${name} ${value.toFixed(4)}`).join(' ');
      bar.update(progress.fraction, `step ${progress.step}, ${formatDuration(progress.secondsLeft)} left: ${terms}`);
      if (progress.step % flags.logEvery === 0) bar.log(`step ${progress.step} ${terms} (${progress.seconds.toFixed(0)} s)`);
    },
  }).finally(() => bar.clear());
  env.stderr.write(`trained to step ${result.step} (${(result.seconds / 60).toFixed(1)} min in all): ${flags.out}/generator.safetensors\n`);
}

/** 75 -> "1:15", 3725 -> "1:02:05". */
function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const mmss = `${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mmss}` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function positiveNumber(flag: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new InvalidOptionError(flag, 'a number > 0', text);
    return value;
  };
}
