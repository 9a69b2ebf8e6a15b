import { InvalidInputError } from '../../core/errors.js';
import { ffprobePath, runTool, type FfmpegOptions } from './ffmpeg.js';

/**
 * The containers a video input may be in, by the name of ffmpeg's demuxer. Each holds its own
 * frames: playlists (HLS, DASH), concat lists and image sequences, which make ffmpeg open other
 * files or addresses named inside an upload, are not among them.
 */
const demuxers = ['mov', 'matroska', 'avi', 'mpegts', 'flv', 'ogg', 'mpeg', 'ivf'] as const;

/** ffprobe's format names (`mov,mp4,m4a,3gp,3g2,mj2`) → the demuxer that reads them. */
function demuxerOf(formatName: string): string | undefined {
  const names = formatName.split(',');
  return demuxers.find((demuxer) => names.includes(demuxer));
}

export const containerExpectation = 'a video in one of the containers mp4/mov, mkv/webm, avi, MPEG-TS, MPEG-PS, flv, ogg, ivf';

/**
 * ffmpeg's input arguments for a file already probed as `container`: the demuxer named (no
 * guessing a second time), the path read as a plain file (a name such as `concat:a|b` or
 * `http://...` is no protocol), and no protocol but the local file allowed.
 */
export function videoInputArgs(path: string, container: string): string[] {
  return ['-protocol_whitelist', 'file', '-f', container, '-i', `file:${path}`];
}

/**
 * The demuxer that reads a video file, refused (InvalidInputError) unless it is one of the
 * containers above. The refusal comes from ffprobe's format detection, before the file is read
 * as that format, so a playlist's references are never opened, and the error is the same
 * whatever they name.
 */
export async function probeContainer(path: string, options: FfmpegOptions = {}): Promise<string> {
  const refused = (): InvalidInputError => new InvalidInputError(path, containerExpectation, 'a file in none of those formats');
  const stdout = await runTool(
    ffprobePath(options),
    ['-v', 'error', '-protocol_whitelist', 'file', '-format_whitelist', demuxers.join(','), '-show_entries', 'format=format_name', '-of', 'json', '-i', `file:${path}`],
    refused,
  );
  const formatName = (JSON.parse(stdout) as { format?: { format_name?: string } }).format?.format_name ?? '';
  const demuxer = demuxerOf(formatName);
  if (!demuxer) throw refused();
  return demuxer;
}
