import type { Command } from 'commander';
import { InvalidOptionError } from '../../core/errors.js';
import { assertWritableOutput } from '../../io/output-folder.js';
import { outputFormatOf } from '../../io/output-format.js';
import { assertNotAnInput } from '../../io/overwrite-guard.js';
import { writeImage } from '../../io/write-image.js';
import { inpaintImage } from '../../pipeline/inpaint-image.js';
import { addMaskFlags, type MaskFlags } from '../mask-flags.js';
import { addMethodFlags, resolveMethodFlags, type MethodFlags } from '../method-flags.js';
import { createProgressBar } from '../progress-bar.js';
import { readImageAndMask } from '../read-inputs.js';
import type { CliEnvironment } from '../terminal.js';

interface ImageFlags extends MethodFlags, MaskFlags {
  readonly mask?: string;
  readonly output: string;
}

export function registerImageCommand(program: Command, env: CliEnvironment): void {
  const command = program
    .command('image')
    .description('fill the hole of one image and write the result')
    .argument('<input>', 'image to fill (PNG, JPEG, WebP, TIFF, ...)')
    .option('--mask <file>', 'hole mask, same size as the input: white (non-black) = hole')
    .requiredOption('-o, --output <file>', 'where to write the result (.png, .jpg, .jpeg or .webp); never one of the inputs');
  addMethodFlags(command);
  addMaskFlags(command);
  command
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ inpaint image photo.jpg --mask hole.png -o filled.png',
        '  $ inpaint image photo.jpg --mask hole.png -o filled.png --method telea --set radius=5 --dilate 3',
        '  $ inpaint image cutout.png --mask-from-alpha -o filled.png',
      ].join('\n'),
    )
    .action((input: string, flags: ImageFlags) => inpaintImageFile(input, flags, env));
}

async function inpaintImageFile(input: string, flags: ImageFlags, env: CliEnvironment): Promise<void> {
  // Everything that can be checked without reading pixels is checked first.
  const { method, options } = resolveMethodFlags(flags);
  if (flags.mask === undefined && !flags.maskFromAlpha) {
    throw new InvalidOptionError('--mask', "a mask file (or --mask-from-alpha to use the input's alpha)", undefined);
  }
  outputFormatOf(flags.output);
  const inputs = flags.mask === undefined ? [input] : [input, flags.mask];
  await assertNotAnInput(flags.output, inputs);
  await assertWritableOutput(flags.output);

  const bar = createProgressBar(env.stderr);
  const note = (message: string): void => bar.log(`note: ${message}`);
  try {
    const { image, mask } = await readImageAndMask(input, flags.mask, flags, note, env.signal);
    const result = await inpaintImage(image, mask, {
      method,
      options,
      signal: env.signal,
      onProgress: (fraction, stage) => bar.update(fraction, stage),
      onWarning: (message) => bar.log(`warning: ${message}`),
    });
    await writeImage(flags.output, result, { inputs, background: flags.background, onWarning: (message) => bar.log(`warning: ${message}`) });
  } finally {
    bar.clear();
  }
}

