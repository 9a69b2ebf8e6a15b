import { once } from 'node:events';
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { InvalidInputError, InvalidOptionError, SizeMismatchError, throwIfCancelled } from '../../core/errors.js';
import type { Image } from '../../core/image.js';
import { followOutputLink, sweepStaleTemporaries, temporaryName } from '../output-path.js';
import { encodeImage } from '../write-image.js';
import { videoInputArgs } from './container-format.js';
import { ffmpegPath, startTool, stopTool, type FfmpegOptions, type ToolProcess } from './ffmpeg.js';
import { probeVideo, rateValue } from './probe-video.js';

export interface VideoWriterOptions extends FfmpegOptions {
  readonly width: number;
  readonly height: number;
  /** Frames per second: a number, or a rational string as probeVideo reports it ('30000/1001'). */
  readonly fps: number | string;
  /** Constant rate factor of the encoder, 0 (lossless) to 51 (worst). @default 18 */
  readonly quality?: number;
  /** A video whose audio, when it has any, goes into the output video. Ignored for frame folders. */
  readonly audioFrom?: string;
}

/** Receives frames one at a time; the output appears, complete, only at `close()`. */
export interface VideoWriter {
  /** Adds a frame. `name` names the PNG file in a frame folder (its extension becomes .png). */
  write(image: Image, name?: string): Promise<void>;
  /** Finishes the output and moves it to its final path. */
  close(): Promise<void>;
  /** Gives up: removes everything written so far. */
  abort(): Promise<void>;
}

/**
 * Writes every frame of `frames` (the i-th named `names[i]` in a frame folder), then closes the
 * writer; on a failure or a cancel on the way, aborts it, so nothing partial is left. Tells
 * `onFrame` how many are written after each.
 */
export async function writeAllFrames(
  writer: VideoWriter,
  frames: AsyncIterable<Image>,
  options: { readonly names?: readonly string[]; readonly signal?: AbortSignal; readonly onFrame?: (written: number) => void } = {},
): Promise<void> {
  let written = 0;
  try {
    for await (const frame of frames) {
      await writer.write(frame, options.names?.[written]);
      written++;
      options.onFrame?.(written);
    }
    throwIfCancelled(options.signal);
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

type Container = 'mp4' | 'matroska' | 'webm';

const containersByExtension: Readonly<Record<string, Container>> = {
  '.mp4': 'mp4',
  '.mkv': 'matroska',
  '.webm': 'webm',
};

/** Audio codecs each container takes as they are; any other audio is re-encoded. */
const copyableAudio: Readonly<Record<Container, ReadonlySet<string> | 'any'>> = {
  mp4: new Set(['aac', 'mp3', 'ac3', 'eac3', 'alac', 'opus']),
  matroska: 'any',
  webm: new Set(['opus', 'vorbis']),
};

/**
 * Writes frames to a video file (an `output` ending in .mp4/.mkv → H.264 yuv420p; .webm → VP9)
 * or, for any other `output`, to a folder of PNG frames `00000.png`, `00001.png`, ... Everything
 * goes to a temporary name beside `output`, renamed at `close()`: a failure leaves nothing partial.
 */
export async function createVideoWriter(outputPath: string, options: VideoWriterOptions): Promise<VideoWriter> {
  checkOptions(outputPath, options);
  const output = await followOutputLink(outputPath);
  const folder = dirname(output);
  const folderInfo = await stat(folder).catch(() => null);
  if (!folderInfo?.isDirectory()) {
    throw new InvalidInputError(output, 'a path inside an existing folder', `a folder that does not exist (${folder})`);
  }
  await sweepStaleTemporaries(folder);
  const temporary = temporaryName(output);
  const container = containersByExtension[extname(output).toLowerCase()];
  return container
    ? encodeVideo(output, temporary, container, options)
    : writeFrameFolder(output, temporary, options);
}

function checkOptions(output: string, options: VideoWriterOptions): void {
  const { width, height, fps, quality } = options;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new InvalidOptionError('video size', 'positive integer width and height', `${width}x${height}`);
  }
  const rate = typeof fps === 'number' ? fps : rateValue(fps);
  if (!(rate > 0) || !Number.isFinite(rate)) throw new InvalidOptionError('fps', 'a frame rate above 0', fps);
  if (quality !== undefined && (!Number.isInteger(quality) || quality < 0 || quality > 51)) {
    throw new InvalidOptionError('quality', 'an integer between 0 and 51', quality);
  }
  const extension = extname(output).toLowerCase();
  // yuv420p halves the chroma in both directions: H.264 refuses odd sizes.
  if ((extension === '.mp4' || extension === '.mkv') && (width % 2 || height % 2)) {
    throw new InvalidOptionError(`video size for ${output}`, 'an even width and height (H.264, yuv420p)', `${width}x${height}`);
  }
}

function checkFrame(image: Image, options: VideoWriterOptions): void {
  if (image.width !== options.width || image.height !== options.height) {
    throw new SizeMismatchError('video frame', options, image);
  }
}

async function encodeVideo(
  output: string,
  temporary: string,
  container: Container,
  options: VideoWriterOptions,
): Promise<VideoWriter> {
  const audio = options.audioFrom ? await probeVideo(options.audioFrom, options) : undefined;
  const args = [
    '-v', 'error', '-y',
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${options.width}x${options.height}`,
    '-framerate', String(options.fps), '-i', '-',
  ];
  if (audio?.hasAudio) args.push(...videoInputArgs(options.audioFrom!, audio.container));
  args.push('-map', '0:v:0');
  const crf = String(options.quality ?? 18);
  if (container === 'webm') args.push('-c:v', 'libvpx-vp9', '-b:v', '0', '-crf', crf, '-row-mt', '1');
  else args.push('-c:v', 'libx264', '-preset', 'medium', '-crf', crf);
  args.push('-pix_fmt', 'yuv420p');
  if (audio?.hasAudio) {
    const copyable = copyableAudio[container];
    const copy = copyable === 'any' || copyable.has(audio.audioCodec ?? '');
    args.push('-map', '1:a:0', '-c:a', copy ? 'copy' : container === 'webm' ? 'libopus' : 'aac', '-shortest');
  }
  args.push('-f', container, temporary);

  const tool = startTool(ffmpegPath(options), args, 'pipe');
  const stdin = tool.child.stdin!;
  // A write after ffmpeg died fails with EPIPE; the exit code and stderr tell the real reason.
  stdin.on('error', () => undefined);
  const failure = (reason: string): InvalidInputError =>
    new InvalidInputError(output, 'a video ffmpeg can encode', tool.stderrTail() || reason);
  const discard = async (): Promise<void> => {
    await stopTool(tool);
    await rm(temporary, { force: true });
  };

  return {
    async write(image) {
      checkFrame(image, options);
      if (tool.child.exitCode !== null) throw failure(`ffmpeg exited with code ${tool.child.exitCode}`);
      if (!stdin.write(image.rgb)) await Promise.race([once(stdin, 'drain'), tool.exited]);
    },
    async close() {
      stdin.end();
      let code: number | null;
      try {
        code = await tool.exited;
      } catch (error) {
        await discard();
        throw error;
      }
      if (code !== 0) {
        await discard();
        throw failure(`exit code ${code}`);
      }
      await rename(temporary, output);
    },
    abort: discard,
  };
}

async function writeFrameFolder(output: string, temporary: string, options: VideoWriterOptions): Promise<VideoWriter> {
  await assertNoFolderContent(output);
  await mkdir(temporary);
  let index = 0;
  return {
    async write(image, name) {
      checkFrame(image, options);
      const file = name ? `${basename(name, extname(name))}.png` : `${String(index).padStart(5, '0')}.png`;
      index++;
      await writeFile(join(temporary, file), await encodeImage(image, 'png'), { flag: 'wx' });
    },
    async close() {
      await assertNoFolderContent(output);
      // rename() replaces an empty folder but not one with files in it.
      await rmdir(output).catch(() => undefined);
      await rename(temporary, output);
    },
    async abort() {
      await rm(temporary, { recursive: true, force: true });
    },
  };
}

async function assertNoFolderContent(output: string): Promise<void> {
  const info = await stat(output).catch(() => null);
  if (!info) return;
  if (!info.isDirectory() || (await readdir(output)).length > 0) {
    throw new InvalidInputError(output, 'a new or empty folder for the frames', info.isDirectory() ? 'a folder with files in it' : 'a file');
  }
}
