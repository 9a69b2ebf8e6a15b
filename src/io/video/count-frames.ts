import { InvalidInputError } from '../../core/errors.js';
import { videoInputArgs } from './container-format.js';
import { ffprobePath, runTool, type FfmpegOptions } from './ffmpeg.js';

/**
 * Counts the frames of a video's first video stream from its packets: exact, and a read of the
 * container without decoding. For containers that do not record the count (mkv, webm, MPEG-TS).
 * `container` is the demuxer probeContainer found.
 */
export async function countVideoFrames(path: string, container: string, options: FfmpegOptions = {}): Promise<number> {
  const expected = 'a video file ffmpeg can read';
  const stdout = await runTool(
    ffprobePath(options),
    ['-v', 'error', '-select_streams', 'v:0', '-count_packets', '-show_entries', 'stream=nb_read_packets', '-of', 'json', ...videoInputArgs(path, container)],
    (stderr) => new InvalidInputError(path, expected, stderr),
  );
  // The stream's own entry: a transport stream lists its streams a second time under its programs.
  const streams = (JSON.parse(stdout) as { streams?: { nb_read_packets?: string }[] }).streams ?? [];
  const count = Number(streams[0]?.nb_read_packets);
  if (!Number.isInteger(count) || count < 1) throw new InvalidInputError(path, expected, 'a video without frames');
  return count;
}
