import { InvalidInputError } from '../../core/errors.js';
import { ffprobePath, runTool, type FfmpegOptions } from './ffmpeg.js';

/**
 * Counts the frames of a video's first video stream from its packets: exact, and a read of the
 * container without decoding. For containers that do not record the count (mkv, webm).
 */
export async function countVideoFrames(path: string, options: FfmpegOptions = {}): Promise<number> {
  const expected = 'a video file ffmpeg can read';
  const stdout = await runTool(
    ffprobePath(options),
    ['-v', 'error', '-select_streams', 'v:0', '-count_packets', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', '--', path],
    (stderr) => new InvalidInputError(path, expected, stderr),
  );
  const count = Number(stdout.trim());
  if (!Number.isInteger(count) || count < 1) throw new InvalidInputError(path, expected, 'a video without frames');
  return count;
}
