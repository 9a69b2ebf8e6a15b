import type { Command } from 'commander';
import { InvalidOptionError } from '../../core/errors.js';
import { assertWritableOutput } from '../../io/output-folder.js';
import { outputFormatOf } from '../../io/output-format.js';
import { assertNotAnInput } from '../../io/overwrite-guard.js';
import { writeImage } from '../../io/write-image.js';
import { edgeConnectEdgeMap } from '../../models/edgeconnect/edge-map.js';
import { resolveWeights, weightsFolder } from '../../weights/weights-folder.js';
import { addMaskFlags, type MaskFlags } from '../mask-flags.js';
import { createProgressBar } from '../progress-bar.js';
import { readImageAndMask } from '../read-inputs.js';
import type { CliEnvironment } from '../terminal.js';

interface EdgesFlags extends MaskFlags {
  readonly mask?: string;
  readonly output: string;
  readonly weights?: string;
  readonly weightsDir?: string;
}

/** `inpaint edges`: EdgeConnect's completed edge map (the official model 1), to edit and give back with --set edges=. */
export function registerEdgesCommand(program: Command, env: CliEnvironment): void {
  const command = program
    .command('edges')
    .description("draw the edges in an image's hole with EdgeConnect's edge generator and write the edge map (white = edge): the official model 1; edit it and fill from it with inpaint image --method edgeconnect --set mode=inpaint --set edges=FILE")
    .argument('<input>', 'image whose hole to draw edges in')
    .option('--mask <file>', 'hole mask, same size as the input: white (non-black) = hole')
    .requiredOption('-o, --output <file>', 'where to write the edge map (.png recommended: lossless); never one of the inputs')
    .option('--weights <file|name>', 'EdgeConnect weights: a release folder (EdgeModel_gen.pth), a file from inpaint train, or a release name (see: inpaint weights)')
    .option('--weights-dir <folder>', 'the weights folder --weights NAME looks in (default: $INPAINT_WEIGHTS, else ~/.cache/inpaint/weights)');
  addMaskFlags(command);
  command
    .addHelpText('after', [
      '',
      'Examples:',
      '  $ inpaint edges photo.png --mask hole.png -o edges.png --weights places2',
      '  $ inpaint image photo.png --mask hole.png -o filled.png --method edgeconnect --weights places2 --set mode=inpaint --set edges=edges.png',
    ].join('\n'))
    .action((input: string, flags: EdgesFlags) => writeEdgeMap(input, flags, env));
}

async function writeEdgeMap(input: string, flags: EdgesFlags, env: CliEnvironment): Promise<void> {
  if (flags.weights === undefined) throw new InvalidOptionError('--weights', 'EdgeConnect weights (it has no built-in weights)', undefined);
  if (flags.mask === undefined && !flags.maskFromAlpha) {
    throw new InvalidOptionError('--mask', "a mask file (or --mask-from-alpha to use the input's alpha)", undefined);
  }
  const weights = resolveWeights(flags.weights, 'edgeconnect', weightsFolder(flags.weightsDir));
  outputFormatOf(flags.output);
  const inputs = flags.mask === undefined ? [input] : [input, flags.mask];
  await assertNotAnInput(flags.output, inputs);
  await assertWritableOutput(flags.output);
  const bar = createProgressBar(env.stderr);
  try {
    const { image, mask } = await readImageAndMask(input, flags.mask, flags, (message) => bar.log(`note: ${message}`), env.signal);
    bar.update(0.1, 'edgeconnect edges');
    const edges = await edgeConnectEdgeMap(image, mask, { weights, signal: env.signal });
    await writeImage(flags.output, edges, { inputs });
  } finally {
    bar.clear();
  }
}
