import { stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Command } from 'commander';
import { InvalidOptionError } from '../../core/errors.js';
import { assertWritableOutput } from '../../io/output-folder.js';
import { outputFormatOf } from '../../io/output-format.js';
import { assertNotAnInput } from '../../io/overwrite-guard.js';
import { writeImage } from '../../io/write-image.js';
import { getMethod } from '../../methods.js';
import { guideOptionOf } from '../../models/common/network-guide.js';
import { inpaintImageSeveral } from '../../pipeline/inpaint-image.js';
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
    .requiredOption('-o, --output <file>', 'where to write the result (.png, .jpg, .jpeg or .webp); never one of the inputs. '
      + 'A method that makes several fills (pluralistic --set samples=N) writes OUT-1.png, OUT-2.png, ..., or INPUT-1.png, ... into a folder given here');
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
        '  $ inpaint image face.png --mask hole.png -o fills/ --method pluralistic --weights celeba --set samples=5',
        '  $ inpaint image photo.png --mask hole.png -o filled.png --method edgeconnect --weights places2 --set mode=inpaint --set edges=sketch.png',
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
  const toFolder = await isFolder(flags.output);
  if (!toFolder) outputFormatOf(flags.output);
  // A network's guide (EdgeConnect's edges) is read too: never written over.
  const guideOption = guideOptionOf(getMethod(method));
  const guide = guideOption === undefined ? undefined : options[guideOption];
  const inputs = [input, ...(flags.mask === undefined ? [] : [flags.mask]), ...(typeof guide === 'string' ? [guide] : [])];
  await assertNotAnInput(flags.output, inputs);
  await assertWritableOutput(toFolder ? join(flags.output, basename(input)) : flags.output);

  const bar = createProgressBar(env.stderr);
  const note = (message: string): void => bar.log(`note: ${message}`);
  try {
    const { image, mask } = await readImageAndMask(input, flags.mask, flags, note, env.signal);
    const results = await inpaintImageSeveral(image, mask, {
      method,
      options,
      signal: env.signal,
      onProgress: (fraction, stage) => bar.update(fraction, stage),
      onWarning: (message) => bar.log(`warning: ${message}`),
    });
    const outputs = outputPaths(flags.output, toFolder, input, results.length);
    for (const output of outputs) await assertNotAnInput(output, inputs);
    for (const [i, result] of results.entries()) {
      await writeImage(outputs[i], result, { inputs, background: flags.background, onWarning: (message) => bar.log(`warning: ${message}`) });
    }
  } finally {
    bar.clear();
  }
}


async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

/**
 * Where each fill goes: one fill to OUT itself; several to OUT-1.ext, OUT-2.ext, ...; into a
 * folder OUT as INPUT-1.png, ... (INPUT.png for one).
 */
function outputPaths(output: string, toFolder: boolean, input: string, count: number): string[] {
  const numbered = (stem: string, extension: string) => Array.from({ length: count }, (_, i) => `${stem}-${i + 1}${extension}`);
  if (toFolder) {
    const stem = join(output, basename(input, extname(input)));
    return count === 1 ? [`${stem}.png`] : numbered(stem, '.png');
  }
  if (count === 1) return [output];
  const extension = extname(output);
  return numbered(output.slice(0, output.length - extension.length), extension);
}
