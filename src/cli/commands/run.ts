import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { CancelledError, InpaintError, throwIfCancelled } from '../../core/errors.js';
import { writeImage } from '../../io/write-image.js';
import { inpaintImage } from '../../pipeline/inpaint-image.js';
import type { BatchItem } from '../batch-plan.js';
import { outputPathOf, prepareBatch, reportFailures, type BatchFailure, type RunFlags, type RunSettings } from '../batch-run.js';
import { addMaskFlags } from '../mask-flags.js';
import { addMethodFlags, resolveMethodFlags } from '../method-flags.js';
import { createProgressBar, type ProgressBar } from '../progress-bar.js';
import { runBatchOnQueue } from '../queued-batch.js';
import { addQueueFlags, resolveQueueFlags } from '../queue-flags.js';
import { readImageAndMask } from '../read-inputs.js';
import type { CliEnvironment } from '../terminal.js';

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
  addQueueFlags(command, 'spread the images over the workers (inpaint worker)');
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
        '  $ inpaint run --image photos/ --mask masks/ --output filled/ --queue redis://10.0.0.5:6379 --storage /mnt/inpaint',
      ].join('\n'),
    )
    .action(async (flags: RunFlags) => {
      const { method, options } = resolveMethodFlags(flags);
      const queue = resolveQueueFlags(flags);
      if (queue) await runBatchOnQueue({ flags, method, options, env }, queue);
      else await runBatch({ flags, method, options, env });
    });
}

async function runBatch(settings: RunSettings): Promise<void> {
  const { env } = settings;
  const plan = await prepareBatch(settings.flags);
  const total = plan.items.length;
  const failures: BatchFailure[] = [];
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
  reportFailures(failures, total, env);
}

/** Reads, fills and writes one image; returns the path written. */
async function fillOne(item: BatchItem, { flags, method, options, env }: RunSettings, bar: ProgressBar): Promise<string> {
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
  const output = outputPathOf(item, flags);
  await writeImage(output, result, { inputs, background: flags.background, onWarning: (message) => bar.log(`warning: ${message}`) });
  return output;
}
