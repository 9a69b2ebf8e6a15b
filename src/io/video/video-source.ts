import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { InvalidInputError } from '../../core/errors.js';
import { readImage } from '../read-image.js';
import { countVideoFrames } from './count-frames.js';
import type { FfmpegOptions } from './ffmpeg.js';
import { listNumberedFrames } from './frame-folder.js';
import { probeVideo } from './probe-video.js';

/** What a clip to inpaint is, learnt before any frame is decoded. */
export interface VideoSource {
  readonly path: string;
  readonly width: number;
  readonly height: number;
  readonly frameCount: number;
  /** Frame rate for the output ('25/1' for a frame folder, which has none of its own). */
  readonly frameRate: string;
  /** File names of a frame folder's frames, so that output frames can take the same names. */
  readonly frameNames?: readonly string[];
  /** The numbers in those names, which per-frame masks are paired by (openVideoMask). */
  readonly frameNumbers?: readonly number[];
  /** Whether `path` is a video file (which may carry audio) rather than a frame folder. */
  readonly isFile: boolean;
}

/** Frame rate given to a folder of frames when it is written as a video. */
export const frameFolderRate = '25/1';

/**
 * Describes a video file or a folder of numbered frames: size, frame count (counted from the
 * packets when the container does not record it) and frame rate.
 */
export async function describeVideoSource(path: string, options: FfmpegOptions = {}): Promise<VideoSource> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new InvalidInputError(path, 'a video file or a folder of frames', 'no such file or folder');
  if (info.isDirectory()) {
    const frames = await listNumberedFrames(path);
    const files = frames.map((frame) => frame.path);
    const first = await readImage(files[0]);
    return {
      path,
      width: first.width,
      height: first.height,
      frameCount: files.length,
      frameRate: frameFolderRate,
      frameNames: files.map((file) => basename(file)),
      frameNumbers: frames.map((frame) => frame.number),
      isFile: false,
    };
  }
  const video = await probeVideo(path, options);
  const frameCount = video.frameCount ?? (await countVideoFrames(path, video.container, options));
  return { path, width: video.width, height: video.height, frameCount, frameRate: video.frameRate, isFile: true };
}
