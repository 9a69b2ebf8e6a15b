import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { throwIfCancelled } from '../../core/errors.js';
import { writeMask } from '../../io/write-mask.js';
import { generateMasks, maskKinds, type MaskKind } from '../../masks/generate.js';
import { parseRatioRange } from '../../masks/ratio-range.js';
import { integerParser, parseSize } from '../option-values.js';
import { createProgressBar } from '../progress-bar.js';
import type { CliEnvironment } from '../terminal.js';

interface MasksFlags {
  readonly out: string;
  readonly size: { width: number; height: number };
  readonly count: number;
  readonly ratio: [number, number];
  readonly seed: number;
  readonly kind: MaskKind;
}

export function registerMasksCommand(program: Command, env: CliEnvironment): void {
  program
    .command('masks')
    .description('generate random hole masks (PNG, 255 = hole) for testing and training')
    .requiredOption('--out <folder>', 'folder to write the masks to (00.png, 01.png, ...); created if missing')
    .addOption(
      new Option('--size <size>', 'mask size: 256 for 256x256, or WIDTHxHEIGHT such as 320x240')
        .argParser(parseSize)
        .default({ width: 256, height: 256 }, '256'),
    )
    .requiredOption('--count <n>', 'how many masks to make', integerParser('--count', 1))
    .requiredOption('--ratio <range>', 'fraction of each mask that is hole: MIN-MAX such as 0.2-0.3, or one value', parseRatioRange)
    .option('--seed <n>', 'seed of the random sequence: the same seed gives the same masks', integerParser('--seed', 0), 0)
    .addOption(new Option('--kind <kind>', 'brush strokes or one rectangle').choices(maskKinds).default('free-form'))
    .addHelpText(
      'after',
      ['', 'Examples:', '  $ inpaint masks --out masks/ --count 8 --ratio 0.2-0.3', '  $ inpaint masks --out boxes/ --size 320x240 --count 4 --ratio 0.1-0.2 --kind box --seed 7'].join('\n'),
    )
    .action((flags: MasksFlags) => writeMasks(flags, env));
}

async function writeMasks(flags: MasksFlags, env: CliEnvironment): Promise<void> {
  // Validates every option before the folder is made or a mask is drawn.
  const masks = generateMasks({ kind: flags.kind, ...flags.size, count: flags.count, ratio: flags.ratio, seed: flags.seed });
  await mkdir(flags.out, { recursive: true });
  const digits = Math.max(2, String(flags.count - 1).length);
  const bar = createProgressBar(env.stderr, 'masks ');
  let index = 0;
  try {
    for (const mask of masks) {
      throwIfCancelled(env.signal);
      await writeMask(join(flags.out, `${String(index).padStart(digits, '0')}.png`), mask);
      index++;
      bar.update(index / flags.count, `${index}/${flags.count}`);
    }
  } finally {
    bar.clear();
  }
}
