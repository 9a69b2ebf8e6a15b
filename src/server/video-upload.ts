import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { InvalidInputError, PixelLimitError, SizeMismatchError } from '../core/errors.js';
import { probeBytes } from '../io/decode-bytes.js';
import { decodeMaskFrames } from '../io/mask-runs.js';
import { writeMask } from '../io/write-mask.js';
import { countVideoFrames } from '../io/video/count-frames.js';
import { probeVideo, type VideoInfo } from '../io/video/probe-video.js';
import { defaultVideoMethodId, getVideoMethod } from '../methods.js';
import type { ServerLimits } from './config.js';
import { VideoTooLongError } from './errors.js';
import type { UploadedForm } from './multipart-form.js';
import type { OfferedMethods } from './offered-methods.js';
import type { JobStorage } from './job-storage.js';

/** A video as the job will read it: size, rate and an exact frame count. */
export interface VideoClip extends VideoInfo {
  readonly frameCount: number;
}

/** A video job, checked and with its uploads in its folder. */
export interface VideoJobInput {
  readonly id: string;
  readonly method: string;
  /** Validated against the method's schema, defaults filled in. */
  readonly options: Record<string, unknown>;
  /** Options of the image method the video method calls on: the server's weights for networks. */
  readonly imageOptions: Readonly<Record<string, Record<string, unknown>>>;
  readonly video: VideoClip;
  readonly videoPath: string;
  /** A mask image (the same hole in every frame) or a mask video (one mask per frame). */
  readonly maskPath: string;
}

const videoExpected = 'a video file ffmpeg can read (mp4, webm, mkv, mov, ...)';
const maskExpected = 'a mask image (PNG, JPEG, ...), a mask video with one frame per video frame, or mask frames JSON';

/**
 * Checks a video job's form, whose video is already in the job's folder (`id`), and stores the
 * mask beside it: the method and its options first (cheap), then the video as ffprobe sees it (a
 * video, frames within the pixel limit, even size for the H.264 result, within the length
 * limits), then the mask (an image or a video of the same size; a video with as many frames).
 * On failure the caller removes the folder.
 */
export async function receiveVideoJob(
  id: string,
  form: UploadedForm,
  limits: ServerLimits,
  folders: JobStorage,
  offered: OfferedMethods,
): Promise<VideoJobInput> {
  const method = getVideoMethod(form.texts.get('method') ?? defaultVideoMethodId);
  const options = offered.options(method, form.texts.get('options'));
  if (form.files.has('image')) {
    throw new InvalidInputError('image', 'no image in a video job (the clip goes in the field "video")', 'an image file');
  }
  const videoPath = form.saved.get('video');
  if (!videoPath) throw new InvalidInputError('video', 'a video file in the multipart field "video"', 'no such field');
  const mask = form.files.get('mask');
  if (!mask) throw new InvalidInputError('mask', `${maskExpected}, in the field "mask"`, 'no such field');
  const clip = await receiveClip(videoPath, limits);
  const maskPath = await receiveMask(id, mask, clip, limits, folders);
  return { id, method: method.id, options, imageOptions: offered.imageOptions, video: clip, videoPath, maskPath };
}

/**
 * An uploaded video (field `video`) as ffprobe sees it, checked: a video, not a still image,
 * frames within the pixel limit, even size for the H.264 result, within the length limits.
 */
export async function receiveClip(videoPath: string, limits: ServerLimits): Promise<VideoClip> {
  const stillImage = await imageFormat(videoPath);
  if (stillImage) throw new InvalidInputError('video', videoExpected, `a still image (${stillImage})`);
  const clip = await probeClip(videoPath, 'video', videoExpected);
  checkClip(clip, limits);
  return clip;
}

function checkClip(clip: VideoClip, limits: ServerLimits): void {
  const { width, height, frameCount } = clip;
  if (width * height > limits.maxPixels) throw new PixelLimitError('video', limits.maxPixels, width, height);
  // The result is H.264 in yuv420p, which halves the colour resolution and so needs even sizes.
  if (width % 2 || height % 2) {
    throw new InvalidInputError('video', 'a video of even width and height (the result is H.264 mp4)', `${width}x${height}`);
  }
  const seconds = frameCount / clip.fps;
  if (frameCount > limits.maxVideoFrames || seconds > limits.maxVideoSeconds) {
    throw new VideoTooLongError('video', frameCount, seconds, limits.maxVideoFrames, limits.maxVideoSeconds);
  }
}

/**
 * Stores the mask under the name that says what it is, and checks it against the clip: an image,
 * mask frames JSON with a mask for every frame (the page's tracked masks; stored as a folder of
 * PNGs) or a mask video.
 */
async function receiveMask(id: string, mask: Uint8Array, clip: VideoClip, limits: ServerLimits, folders: JobStorage): Promise<string> {
  if (isJsonObject(mask)) {
    const masks = decodeMaskFrames(new TextDecoder().decode(mask), 'mask', clip);
    if (masks.size !== clip.frameCount) {
      throw new InvalidInputError('mask', `mask frames JSON with a mask for each of the ${clip.frameCount} frames`, `${masks.size} frames`);
    }
    const folder = folders.inputPath(id, 'maskFrames');
    await mkdir(folder);
    for (const [frame, frameMask] of masks) await writeMask(join(folder, `mask-${String(frame).padStart(6, '0')}.png`), frameMask);
    return folder;
  }
  if (await imageFormat(mask)) {
    const header = await probeBytes(mask, 'mask', { maxPixels: limits.maxPixels });
    if (header.width !== clip.width || header.height !== clip.height) throw new SizeMismatchError('mask size', clip, header);
    const path = folders.inputPath(id, 'maskImage');
    await writeFile(path, mask, { flag: 'wx' });
    return path;
  }
  const path = folders.inputPath(id, 'maskVideo');
  await writeFile(path, mask, { flag: 'wx' });
  const maskClip = await probeClip(path, 'mask', maskExpected);
  if (maskClip.width !== clip.width || maskClip.height !== clip.height) throw new SizeMismatchError('mask size', clip, maskClip);
  if (maskClip.frameCount !== clip.frameCount) {
    throw new InvalidInputError('mask', `a mask video of ${clip.frameCount} frames, one per video frame`, `${maskClip.frameCount} frames`);
  }
  return path;
}

/** Whether an upload is a JSON object (mask frames): its first non-blank byte is `{`. */
function isJsonObject(upload: Uint8Array): boolean {
  for (const byte of upload) {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
    return byte === 0x7b;
  }
  return false;
}

/** The format sharp reads an upload as (png, jpeg, ...), or undefined when it is no image. */
async function imageFormat(upload: Uint8Array | string): Promise<string | undefined> {
  try {
    return (await sharp(upload).metadata()).format;
  } catch {
    return undefined;
  }
}

/**
 * ffprobe's view of an uploaded file, with an exact frame count (counted from the packets when
 * the container does not record it). Errors name the form field, never the file's path.
 */
async function probeClip(path: string, field: string, expected: string): Promise<VideoClip> {
  try {
    const info = await probeVideo(path);
    return { ...info, frameCount: info.frameCount ?? (await countVideoFrames(path, info.container)) };
  } catch (error) {
    if (error instanceof InvalidInputError) {
      // ffprobe's own words name the file, whose path is the server's business.
      const received = error.received.includes(path) ? 'a file ffmpeg cannot read as a video' : error.received;
      throw new InvalidInputError(field, expected, received, { cause: error });
    }
    throw error;
  }
}
