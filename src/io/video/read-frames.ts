import { stat } from 'node:fs/promises';
import { InvalidInputError, SizeMismatchError } from '../../core/errors.js';
import { createImage, type Image } from '../../core/image.js';
import { readImage } from '../read-image.js';
import { videoInputArgs } from './container-format.js';
import { ffmpegPath, startTool, stopTool, type FfmpegOptions } from './ffmpeg.js';
import { listFrameFiles } from './frame-folder.js';
import { probeVideo } from './probe-video.js';

export interface ReadFramesOptions extends FfmpegOptions {
  /** Called with a sentence for each conversion applied to a frame file (bit depth, grayscale). */
  readonly onNote?: (message: string) => void;
}

/**
 * Streams the frames of a video file (anything ffmpeg reads) or of a folder of numbered PNG/JPEG
 * frames, one RGB Image at a time: only the frame in hand is held. Leaving the loop early stops
 * ffmpeg and waits for it to exit.
 */
export async function* readFrames(source: string, options: ReadFramesOptions = {}): AsyncGenerator<Image> {
  const info = await stat(source).catch(() => null);
  if (!info) throw new InvalidInputError(source, 'a video file or a folder of frames', 'no such file or folder');
  if (info.isDirectory()) yield* readFrameFolder(source, options);
  else yield* decodeVideo(source, options);
}

async function* readFrameFolder(folder: string, options: ReadFramesOptions): AsyncGenerator<Image> {
  let first: Image | undefined;
  for (const path of await listFrameFiles(folder)) {
    const image = await readImage(path, options);
    first ??= image;
    if (image.width !== first.width || image.height !== first.height) {
      throw new SizeMismatchError(`frame ${path}`, first, image, 'Every frame of a folder must have the same size');
    }
    // A video has no transparency: frames go on as plain RGB.
    yield image.alpha ? createImage(image.width, image.height, image.rgb) : image;
  }
}

async function* decodeVideo(path: string, options: FfmpegOptions): AsyncGenerator<Image> {
  // ffmpeg turns the frames as the file asks (a phone's portrait clip comes out upright); the
  // probed size is the turned one.
  const { width, height, container } = await probeVideo(path, options);
  const frameBytes = width * height * 3;
  const tool = startTool(ffmpegPath(options), [
    '-v', 'error', '-nostdin', ...videoInputArgs(path, container),
    '-map', '0:v:0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-',
  ]);
  try {
    let frame = new Uint8Array(frameBytes);
    let filled = 0;
    for await (const chunk of tool.child.stdout! as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(frameBytes - filled, chunk.length - offset);
        frame.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === frameBytes) {
          yield createImage(width, height, frame);
          frame = new Uint8Array(frameBytes);
          filled = 0;
        }
      }
    }
    const code = await tool.exited;
    if (code !== 0) throw new InvalidInputError(path, 'a video file ffmpeg can decode', tool.stderrTail() || `exit code ${code}`);
    if (filled !== 0) throw new InvalidInputError(path, `whole ${width}x${height} frames`, `a last frame of ${filled} bytes`);
  } finally {
    await stopTool(tool);
  }
}
