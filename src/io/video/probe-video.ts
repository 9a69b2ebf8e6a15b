import { InvalidInputError } from '../../core/errors.js';
import { probeContainer, videoInputArgs } from './container-format.js';
import { ffprobePath, runTool, type FfmpegOptions } from './ffmpeg.js';

/** What a video file holds, as ffprobe reports it. */
export interface VideoInfo {
  /** The demuxer that reads the file ('mov', 'matroska', ...): later reads name it rather than guess again. */
  readonly container: string;
  /** Size of the frames as shown, after the rotation the file asks for (a phone's portrait clip). */
  readonly width: number;
  readonly height: number;
  /** Degrees the player turns the stored frames by (a multiple of 90; 0 when none is asked). */
  readonly rotation: number;
  /** Frame rate as ffmpeg writes it, exact: '30000/1001', '12/1'. */
  readonly frameRate: string;
  /** Frames per second, the same rate as a number. */
  readonly fps: number;
  /** Number of frames when the container records it (mp4 does, mkv and webm often not). */
  readonly frameCount?: number;
  readonly hasAudio: boolean;
  /** Codec of the first audio stream ('aac', 'opus', ...), when there is one. */
  readonly audioCodec?: string;
}

interface ProbedStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  nb_frames?: string;
  tags?: { rotate?: string };
  side_data_list?: { side_data_type?: string; rotation?: number }[];
}

/**
 * Reads a video's container, size, frame rate, frame count and audio through ffprobe; a file in
 * another container than those probeContainer accepts is refused before it is read.
 */
export async function probeVideo(path: string, options: FfmpegOptions = {}): Promise<VideoInfo> {
  const expected = 'a video file ffmpeg can read';
  const container = await probeContainer(path, options);
  const stdout = await runTool(
    ffprobePath(options),
    ['-v', 'error', '-print_format', 'json', '-show_streams', ...videoInputArgs(path, container)],
    (stderr) => new InvalidInputError(path, expected, stderr),
  );
  const streams = (JSON.parse(stdout) as { streams?: ProbedStream[] }).streams ?? [];
  const video = streams.find((stream) => stream.codec_type === 'video');
  if (!video?.width || !video.height) throw new InvalidInputError(path, expected, 'a file without a video stream');
  const audio = streams.find((stream) => stream.codec_type === 'audio');
  const frameRate = usableRate(video.r_frame_rate) ?? usableRate(video.avg_frame_rate);
  if (!frameRate) throw new InvalidInputError(path, expected, 'a video without a frame rate');
  const frameCount = Number(video.nb_frames);
  const rotation = rotationOf(video);
  const quarterTurn = Math.abs(rotation) % 180 === 90;
  return {
    container,
    width: quarterTurn ? video.height : video.width,
    height: quarterTurn ? video.width : video.height,
    rotation,
    frameRate,
    fps: rateValue(frameRate),
    ...(Number.isInteger(frameCount) && frameCount > 0 ? { frameCount } : {}),
    hasAudio: audio !== undefined,
    ...(audio?.codec_name ? { audioCodec: audio.codec_name } : {}),
  };
}

/** The display rotation: a display matrix (current ffmpeg) or the older `rotate` tag. */
function rotationOf(video: ProbedStream): number {
  const matrix = video.side_data_list?.find((d) => d.side_data_type === 'Display Matrix');
  const degrees = matrix?.rotation ?? Number(video.tags?.rotate ?? 0);
  return Number.isFinite(degrees) ? Math.round(degrees / 90) * 90 : 0;
}

/** ffprobe writes '0/0' for an unknown rate. */
function usableRate(rate: string | undefined): string | undefined {
  return rate && rateValue(rate) > 0 ? rate : undefined;
}

export function rateValue(rate: string): number {
  const [numerator, denominator = '1'] = rate.split('/');
  const value = Number(numerator) / Number(denominator);
  return Number.isFinite(value) ? value : 0;
}
