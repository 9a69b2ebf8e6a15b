import { basename, join } from 'node:path';
import { Option, type Command } from 'commander';
import { CancelledError, InpaintError, throwIfCancelled } from '../../core/errors.js';
import { prepareOutputFolder } from '../../io/output-folder.js';
import { writeImage } from '../../io/write-image.js';
import { inpaintImage } from '../../pipeline/inpaint-image.js';
import { assertSeparateOutputFolder, planBatch, type BatchItem } from '../batch-plan.js';
import { addMaskFlags, type MaskFlags } from '../mask-flags.js';
import { addMethodFlags, resolveMethodFlags, type MethodFlags } from '../method-flags.js';
import { createProgressBar, type ProgressBar } from '../progress-bar.js';
import { readImageAndMask } from '../read-inputs.js';
import type { CliEnvironment } from '../terminal.js';

interface RunFlags extends MethodFlags, MaskFlags {
  readonly image: string;
  readonly mask?: string;
  readonly output: string;
  readonly format: 'png' | 'jpg' | 'webp';
}

interface Settings {
  readonly flags: RunFlags;
  readonly method: string;
  readonly options: Record<string, unknown>;
  readonly env: CliEnvironment;
}

export function registerRunCommand(program: Command, env: CliEnvironment): void {
  const command = program
    .command('run')
    .description('fill many images: each image with the mask of the same name (or one mask for all)')
    .requiredOption('--image <path>', 'an image file, or a folder of images (.png, .jpg, .webp, .tif, ...)')
    .option('--mask <path>', 'a mask file used for every image, or a folder of masks matched by name (a.jpg takes a.png)')
    .requiredOption('--output <folder>', 'folder for the results, named <name>.<format>; created if missing; never an input folder')
    .addOption(new Option('--format <format>', 'format of the results').choices(['png', 'jpg', 'webp']).default('png'));
  addMethodFlags(command);
  addMaskFlags(command);
  command
    .addHelpText(
      'after',
      [
        '',
        'A file that fails is listed at the end and the others still run; the exit status is then 1.',
        'Ctrl-C stops after cleaning up: no partial file is left.',
        '',
        'Examples:',
        '  $ inpaint run --image photos/ --mask masks/ --output filled/',
        '  $ inpaint run --image photos/ --mask hole.png --output filled/ --method telea --format jpg',
      ].join('\n'),
    )
    .action(async (flags: RunFlags) => {
      const { method, options } = resolveMethodFlags(flags);
      await runBatch({ flags, method, options, env });
    });
}

async function runBatch(settings: Settings): Promise<void> {
  const { flags, env } = settings;
  const plan = await planBatch(flags.image, flags.mask, flags.maskFromAlpha === true);
  await assertSeparateOutputFolder(flags.output, plan.inputFolders);
  await prepareOutputFolder(flags.output, '--output');

  const total = plan.items.length;
  const failures: { image: string; message: string }[] = [];
  for (const [index, item] of plan.items.entries()) {
    throwIfCancelled(env.signal);
    const prefix = `[${index + 1}/${total}] ${basename(item.image)}`;
    const bar = createProgressBar(env.stderr, `${prefix} `);
    try {
      const output = await fillOne(item, settings, bar);
      bar.log(`${prefix} -> ${output}`);
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ image: item.image, message });
      bar.log(`${prefix} failed: ${message}`);
    }
  }
  if (failures.length > 0) {
    env.stderr.write(`\nfailed:\n${failures.map((f) => `  ${f.image}: ${f.message}\n`).join('')}`);
    throw new InpaintError(`${failures.length} of ${total} images failed`);
  }
}

/** Reads, fills and writes one image; returns the path written. */
async function fillOne(item: BatchItem, { flags, method, options, env }: Settings, bar: ProgressBar): Promise<string> {
  if (item.problem) throw new InpaintError(item.problem);
  const note = (message: string): void => bar.log(`note: ${message}`);
  const inputs = item.mask === undefined ? [item.image] : [item.image, item.mask];
  const { image, mask } = await readImageAndMask(item.image, item.mask, flags, note, env.signal);
  const result = await inpaintImage(image, mask, {
    method,
    options,
    signal: env.signal,
    onProgress: (fraction, stage) => bar.update(fraction, stage),
    onWarning: (message) => bar.log(`warning: ${message}`),
  });
  bar.clear();
  const output = join(flags.output, `${item.stem}.${flags.format}`);
  await writeImage(output, result, { inputs, background: flags.background, onWarning: (message) => bar.log(`warning: ${message}`) });
  return output;
}
