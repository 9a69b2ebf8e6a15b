import { Option, type Command } from 'commander';
import { InvalidOptionError } from '../../core/errors.js';
import { assertWritableOutput } from '../../io/output-folder.js';
import { assertNotAnInput } from '../../io/overwrite-guard.js';
import { numberingGap } from '../../io/video/frame-folder.js';
import { readFrames } from '../../io/video/read-frames.js';
import { openVideoMask } from '../../io/video/video-mask.js';
import { describeVideoSource } from '../../io/video/video-source.js';
import { createVideoWriter, writeAllFrames } from '../../io/video/video-writer.js';
import { inpaintVideo } from '../../pipeline/inpaint-video.js';
import { trackClipMasks } from '../../pipeline/track-clip-masks.js';
import { defaultVideoMethodId, getMethod, getVideoMethod, videoMethods } from '../../methods.js';
import { parseOptions } from '../../registry/parse-options.js';
import { collectKeyFlag, readKeyMasks, type KeyFlag } from '../key-flags.js';
import { resolveMethodFlags } from '../method-flags.js';
import { collectSetOption, integerParser, type RawOptions } from '../option-values.js';
import { resolveWeights, weightsFolder } from '../../weights/weights-folder.js';
import { createProgressBar } from '../progress-bar.js';
import type { CliEnvironment } from '../terminal.js';

interface VideoFlags {
  readonly mask?: string;
  readonly key?: readonly KeyFlag[];
  readonly output: string;
  readonly method: string;
  readonly set?: RawOptions;
  readonly dilate?: number;
  readonly invertMask?: boolean;
  readonly resizeMask?: boolean;
  readonly quality: number;
  readonly weights?: string;
  readonly weightsDir?: string;
}

export function registerVideoCommand(program: Command, env: CliEnvironment): void {
  program
    .command('video')
    .description('fill the holes of a video (a file ffmpeg reads, or a folder of numbered frames) and write the result')
    .argument('<input>', 'video file (mp4, mkv, webm, ...) or folder of numbered PNG/JPEG frames')
    .option('--mask <source>', 'holes, white = hole: one image for every frame, a folder of per-frame masks, or a mask video')
    .option(
      '--key <frame=mask>',
      'instead of --mask: the hole drawn on one frame (counted from 0), e.g. --key 0=hole.png, tracked through the clip by optical flow (as inpaint masks --track); repeatable',
      collectKeyFlag,
    )
    .requiredOption(
      '-o, --output <path>',
      'a .mp4 or .mkv (H.264) or .webm (VP9) file, or any other path: a new folder of PNG frames named like the input\'s frames; never one of the inputs',
    )
    .option('-m, --method <id>', `video method: ${videoMethods.map((m) => m.id).join(', ')} (see: inpaint methods)`, defaultVideoMethodId)
    .option('--set <key=value>', 'set a method option, repeatable, e.g. --set window=48', collectSetOption)
    .option('--weights <file|name>', 'weights of a video network method, or of the network image method the video method calls on, e.g. --set imageMethod=deepfillv2 --weights FILE (or a release name, see: inpaint weights); or propagate\'s DFC-Net: --set flowCompletion=dfc --weights resnet101_movie.pth')
    .option('--weights-dir <folder>', 'the weights folder --weights NAME looks in (default: $INPAINT_WEIGHTS, else ~/.cache/inpaint/weights)')
    .option('--dilate <pixels>', 'grow every frame\'s hole by this many pixels (disk-shaped)', integerParser('--dilate', 0))
    .option('--invert-mask', 'swap hole and known: black = hole')
    .option('--resize-mask', 'scale masks whose size differs from the video (nearest neighbour) instead of refusing them')
    .addOption(
      new Option('--quality <crf>', 'video file quality: constant rate factor, 0 (lossless) to 51 (worst)')
        .argParser(integerParser('--quality', 0, 51))
        .default(18),
    )
    .addHelpText(
      'after',
      [
        '',
        'The output keeps the input\'s frame rate (a frame folder is written at 25 fps) and its audio.',
        'Frames stream through: memory stays flat however long the clip.',
        '',
        'Examples:',
        '  $ inpaint video clip.mp4 --mask hole.png -o clip-filled.mp4',
        '  $ inpaint video frames/ --mask masks/ -o filled-frames/',
        '  $ inpaint video clip.mp4 --mask hole-track.mp4 -o out.mkv --dilate 4 --set imageMethod=telea',
        '  $ inpaint video clip.mp4 --key 0=object.png --dilate 4 -o clip-without-object.mp4',
      ].join('\n'),
    )
    .action((input: string, flags: VideoFlags) => inpaintVideoFile(input, flags, env));
}

async function inpaintVideoFile(input: string, flags: VideoFlags, env: CliEnvironment): Promise<void> {
  // The method and its options are checked before a frame is read.
  const method = getVideoMethod(flags.method);
  const { options, imageWeights } = videoMethodOptions(method, flags);
  const imageOptions = imageMethodOptions(method.id, options, imageWeights);
  if ((flags.mask === undefined) === (flags.key === undefined)) {
    throw new InvalidOptionError('--mask', 'either --mask or --key (one of the two)', flags.mask === undefined ? 'neither' : 'both');
  }
  await assertNotAnInput(flags.output, [input, ...(flags.mask !== undefined ? [flags.mask] : flags.key!.map((key) => key.path))]);
  await assertWritableOutput(flags.output);

  const source = await describeVideoSource(input);
  const bar = createProgressBar(env.stderr);
  const note = (message: string): void => bar.log(`note: ${message}`);
  const gap = source.frameNumbers && numberingGap(source.frameNumbers);
  if (gap) bar.log(`warning: the frame numbers of ${input} jump from ${gap}: the frames are written one after the other, without the missing ones`);
  let shown = 0;
  const masks = flags.key
    ? trackClipMasks(input, await readKeyMasks(flags.key, source, { invert: flags.invertMask, resize: flags.resizeMask, onNote: note }), {
        frameCount: source.frameCount,
        dilate: flags.dilate,
        signal: env.signal,
        onNote: note,
        // Tracking runs ahead of the filling: it names its stage, the bar keeps the frames written.
        onProgress: (_fraction, stage) => bar.update(shown, stage),
      })
    : await openVideoMask(flags.mask!, {
        width: source.width,
        height: source.height,
        frameCount: source.frameCount,
        frameNumbers: source.frameNumbers,
        dilate: flags.dilate,
        invert: flags.invertMask,
        resize: flags.resizeMask,
        onNote: note,
      });
  const writer = await createVideoWriter(flags.output, {
    width: source.width,
    height: source.height,
    fps: source.frameRate,
    quality: flags.quality,
    ...(source.isFile ? { audioFrom: input } : {}),
  });
  const started = performance.now();
  let written = 0;
  const onProgress = (fraction: number, stage = ''): void => {
    const fps = written / ((performance.now() - started) / 1000);
    shown = fraction;
    bar.update(fraction, written > 0 ? `${stage}, ${fps.toFixed(1)} fps` : stage);
  };
  try {
    const frames = readFrames(input, { onNote: note });
    const filled = inpaintVideo(frames, masks, { method: method.id, options, imageOptions, frameCount: source.frameCount, signal: env.signal, onProgress });
    await writeAllFrames(writer, filled, { names: source.frameNames, signal: env.signal, onFrame: (count) => (written = count) });
  } finally {
    bar.clear();
  }
}

/**
 * The video method's options. `--weights` are its own when it is a network (required then, and a
 * release name resolved as `inpaint image` resolves it), or when it takes weights (propagate's
 * DFC-Net) and its image method needs none; otherwise they are the image method's.
 */
function videoMethodOptions(
  method: ReturnType<typeof getVideoMethod>,
  flags: VideoFlags,
): { options: Record<string, unknown>; imageWeights: Pick<VideoFlags, 'weights' | 'weightsDir'> } {
  if (method.needsWeights) {
    const weights = flags.weights ?? flags.set?.weights;
    if (typeof weights !== 'string') throw new InvalidOptionError('--weights', `a weights file for ${method.id} (it has no built-in weights)`, undefined);
    const resolved = resolveWeights(weights, method.id, weightsFolder(flags.weightsDir));
    return { options: parseOptions(method, { ...flags.set, weights: resolved }), imageWeights: { weightsDir: flags.weightsDir } };
  }
  if (flags.weights !== undefined && 'weights' in method.options.shape) {
    const own = method.options.safeParse({ ...flags.set, weights: flags.weights });
    const imageMethod = own.success && typeof own.data.imageMethod === 'string' ? getMethod(own.data.imageMethod) : undefined;
    if (own.success && !imageMethod?.needsWeights) {
      return { options: parseOptions(method, { ...flags.set, weights: flags.weights }), imageWeights: { weightsDir: flags.weightsDir } };
    }
  }
  return { options: parseOptions(method, flags.set), imageWeights: flags };
}

/**
 * The options of the image method a video method calls on (`imageMethod`): a network among them
 * needs `--weights`, checked here before a frame is read, as `inpaint image` checks its own.
 */
function imageMethodOptions(
  videoMethod: string,
  options: Record<string, unknown>,
  { weights, weightsDir }: Pick<VideoFlags, 'weights' | 'weightsDir'>,
): Record<string, Record<string, unknown>> | undefined {
  if (typeof options.imageMethod !== 'string') {
    if (weights === undefined) return undefined;
    throw new InvalidOptionError('--weights', 'a video method that calls on an image method (imageMethod option)', videoMethod);
  }
  const image = resolveMethodFlags({ method: options.imageMethod, weights, weightsDir });
  return { [image.method]: image.options };
}
