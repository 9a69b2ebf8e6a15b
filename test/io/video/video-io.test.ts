import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidOptionError, SizeMismatchError } from '../../../src/core/errors.js';
import { createImage, type Image } from '../../../src/core/image.js';
import { FfmpegMissingError, ffprobePath } from '../../../src/io/video/ffmpeg.js';
import { listFrameFiles } from '../../../src/io/video/frame-folder.js';
import { probeVideo } from '../../../src/io/video/probe-video.js';
import { readFrames } from '../../../src/io/video/read-frames.js';
import { createVideoWriter } from '../../../src/io/video/video-writer.js';
import { useTempFolder } from '../temp-folder.js';

const run = promisify(execFile);
const tempFolder = useTempFolder();
const width = 64;
const height = 48;
const frameCount = 12;

/** Smooth content that moves from frame to frame, so a lossy codec keeps it close. */
function smoothFrame(index: number): Image {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      rgb[i] = 40 + ((x + index) * 160) / width;
      rgb[i + 1] = 60 + (y * 120) / height;
      rgb[i + 2] = 100 + index * 5;
    }
  }
  return createImage(width, height, rgb);
}

async function writeClip(output: string, options: { audioFrom?: string } = {}): Promise<void> {
  const writer = await createVideoWriter(output, { width, height, fps: '12/1', ...options });
  for (let i = 0; i < frameCount; i++) await writer.write(smoothFrame(i));
  await writer.close();
}

async function collect(source: string): Promise<Image[]> {
  const frames: Image[] = [];
  for await (const frame of readFrames(source)) frames.push(frame);
  return frames;
}

function meanAbsError(a: Image, b: Image): number {
  let sum = 0;
  for (let i = 0; i < a.rgb.length; i++) sum += Math.abs(a.rgb[i] - b.rgb[i]);
  return sum / a.rgb.length;
}

/** Processes whose parent is this one and whose command is ffmpeg (Linux /proc). */
async function ffmpegChildren(): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const match = stat.match(/^\d+ \((.*)\) \S+ (\d+)/);
    if (match && match[1] === 'ffmpeg' && Number(match[2]) === process.pid) found.push(Number(entry));
  }
  return found;
}

describe('video writer and reader', () => {
  it('PNG frame folder round trip is exact, with 00000.png names', async () => {
    const output = join(await tempFolder(), 'frames');
    await writeClip(output);
    expect((await readdir(output)).slice(0, 2)).toEqual(['00000.png', '00001.png']);
    const frames = await collect(output);
    expect(frames).toHaveLength(frameCount);
    for (let i = 0; i < frameCount; i++) expect(frames[i].rgb).toEqual(smoothFrame(i).rgb);
  });

  it('frame folder is read in numeric order (frame2 before frame10) and keeps given names', async () => {
    const output = join(await tempFolder(), 'named');
    const writer = await createVideoWriter(output, { width, height, fps: 12 });
    for (const i of [10, 2, 1]) await writer.write(smoothFrame(i), `frame${i}.jpg`);
    await writer.close();
    const files = await listFrameFiles(output);
    expect(files.map((file) => file.slice(output.length + 1))).toEqual(['frame1.png', 'frame2.png', 'frame10.png']);
    const frames = await collect(output);
    expect(frames[2].rgb).toEqual(smoothFrame(10).rgb);
  });

  it('mp4 round trip keeps count, size and 12/1 fps, within 3 levels on smooth content', async () => {
    const output = join(await tempFolder(), 'clip.mp4');
    await writeClip(output);
    const info = await probeVideo(output);
    expect(info).toMatchObject({ width, height, frameRate: '12/1', fps: 12, frameCount, hasAudio: false });
    const frames = await collect(output);
    expect(frames).toHaveLength(frameCount);
    expect(frames[0]).toMatchObject({ width, height });
    for (let i = 0; i < frameCount; i++) expect(meanAbsError(frames[i], smoothFrame(i))).toBeLessThan(3);
  });

  it('a clip that asks to be shown turned a quarter (a phone\'s portrait video) is read upright', async () => {
    const dir = await tempFolder();
    const stored = join(dir, 'stored.mp4'), turned = join(dir, 'turned.mp4');
    await writeClip(stored);
    // Ask players to turn the stored frames a quarter: ffmpeg stores the tag as a display matrix
    // of +90 degrees (counterclockwise), as phones write portrait clips.
    await run('ffmpeg', ['-v', 'error', '-i', stored, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', turned]);
    const info = await probeVideo(turned);
    expect(info).toMatchObject({ width: height, height: width, frameCount });
    expect(Math.abs(info.rotation)).toBe(90);
    const frames = await collect(turned);
    expect(frames[0]).toMatchObject({ width: height, height: width });
    for (let i = 0; i < frameCount; i++) {
      // Turned a quarter counterclockwise, shown (x, y) is stored (width - 1 - y, x).
      const original = smoothFrame(i);
      const upright = new Uint8Array(original.rgb.length);
      for (let y = 0; y < width; y++) {
        for (let x = 0; x < height; x++) {
          const source = (x * width + (width - 1 - y)) * 3;
          upright.set(original.rgb.subarray(source, source + 3), (y * height + x) * 3);
        }
      }
      expect(meanAbsError(frames[i], createImage(height, width, upright))).toBeLessThan(3);
    }
  });

  it('webm (VP9) output is readable with the same frame count and rate', async () => {
    const output = join(await tempFolder(), 'clip.webm');
    await writeClip(output);
    expect(await probeVideo(output)).toMatchObject({ width, height, fps: 12 });
    expect(await collect(output)).toHaveLength(frameCount);
  });

  it('audio of audioFrom is copied (aac into mp4) and re-encoded when mp4 cannot hold it (pcm)', async () => {
    const dir = await tempFolder();
    const withAac = join(dir, 'aac.mp4');
    const withPcm = join(dir, 'pcm.mkv');
    const lavfi = ['-v', 'error', '-f', 'lavfi', '-i', `testsrc=size=${width}x${height}:rate=12`, '-f', 'lavfi', '-i', 'sine=frequency=440', '-t', '1'];
    await run('ffmpeg', [...lavfi, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', withAac]);
    await run('ffmpeg', [...lavfi, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'pcm_s16le', withPcm]);

    const copied = join(dir, 'copied.mp4');
    await writeClip(copied, { audioFrom: withAac });
    expect(await probeVideo(copied)).toMatchObject({ hasAudio: true, audioCodec: 'aac', frameCount });

    const reencoded = join(dir, 'reencoded.mp4');
    await writeClip(reencoded, { audioFrom: withPcm });
    expect(await probeVideo(reencoded)).toMatchObject({ hasAudio: true, audioCodec: 'aac' });

  });

  it('an audioFrom without audio gives a video without audio', async () => {
    const dir = await tempFolder();
    const source = join(dir, 'source.mp4');
    await writeClip(source);
    const output = join(dir, 'out.mp4');
    await writeClip(output, { audioFrom: source });
    expect((await probeVideo(output)).hasAudio).toBe(false);
  });

  it('breaking out of the loop early stops ffmpeg', async () => {
    // Far more raw video than a pipe buffers, so that ffmpeg is still running at the break.
    const output = join(await tempFolder(), 'long.mp4');
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-t', '4', '-c:v', 'libx264', '-preset', 'ultrafast', output]);
    let seen = 0;
    for await (const frame of readFrames(output)) {
      expect(frame.width).toBe(320);
      expect(await ffmpegChildren()).toHaveLength(1);
      seen++;
      break;
    }
    expect(seen).toBe(1);
    expect(await ffmpegChildren()).toEqual([]);
  });

  it('a corrupt video file is an InvalidInputError naming it', async () => {
    const path = join(await tempFolder(), 'corrupt.mp4');
    await writeFile(path, Buffer.from('this is not a video at all, only some text'));
    const error = await collect(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain(path);
  });

  it('a truncated mp4 is an InvalidInputError', async () => {
    const dir = await tempFolder();
    const whole = join(dir, 'whole.mp4');
    await writeClip(whole);
    const bytes = await readFile(whole);
    const truncated = join(dir, 'truncated.mp4');
    await writeFile(truncated, bytes.subarray(0, bytes.length >> 1));
    await expect(collect(truncated)).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('a missing source is an InvalidInputError', async () => {
    await expect(collect(join(await tempFolder(), 'nothing.mp4'))).rejects.toBeInstanceOf(InvalidInputError);
  });

  describe('with INPAINT_FFMPEG=/nonexistent/ffmpeg', () => {
    const saved = process.env['INPAINT_FFMPEG'];
    afterEach(() => {
      if (saved === undefined) delete process.env['INPAINT_FFMPEG'];
      else process.env['INPAINT_FFMPEG'] = saved;
    });

    it('reading and writing video fail with FfmpegMissingError saying apt-get install ffmpeg', async () => {
      const dir = await tempFolder();
      const path = join(dir, 'any.mp4');
      await writeFile(path, 'x');
      process.env['INPAINT_FFMPEG'] = '/nonexistent/ffmpeg';
      const error = await collect(path).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(FfmpegMissingError);
      expect((error as Error).message).toContain('apt-get install ffmpeg');
      const writer = await createVideoWriter(join(dir, 'out.mp4'), { width, height, fps: 12 });
      await expect(writer.close()).rejects.toBeInstanceOf(FfmpegMissingError);
      expect(await readdir(dir)).toEqual(['any.mp4']);
    });
  });

  it('ffprobe is looked for beside ffmpeg', () => {
    expect(ffprobePath({ ffmpeg: '/opt/ff/bin/ffmpeg-6' })).toBe('/opt/ff/bin/ffprobe-6');
    expect(ffprobePath({ ffmpeg: 'ffmpeg' })).toBe('ffprobe');
  });

  it('abort leaves nothing behind, for a video and for a frame folder', async () => {
    const dir = await tempFolder();
    for (const name of ['out.mp4', 'frames']) {
      const writer = await createVideoWriter(join(dir, name), { width, height, fps: 12 });
      await writer.write(smoothFrame(0));
      await writer.abort();
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('a frame of the wrong size is a SizeMismatchError', async () => {
    const writer = await createVideoWriter(join(await tempFolder(), 'frames'), { width, height, fps: 12 });
    await expect(writer.write(createImage(width + 2, height))).rejects.toBeInstanceOf(SizeMismatchError);
    await writer.abort();
  });

  it('bad writer options are InvalidOptionErrors: odd H.264 size, fps 0, quality 60', async () => {
    const dir = await tempFolder();
    await expect(createVideoWriter(join(dir, 'a.mp4'), { width: 63, height, fps: 12 })).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(createVideoWriter(join(dir, 'a.mp4'), { width, height, fps: 0 })).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(createVideoWriter(join(dir, 'a.mp4'), { width, height, fps: 12, quality: 60 })).rejects.toBeInstanceOf(InvalidOptionError);
  });

  it('a frame folder output over a folder with files is refused', async () => {
    const dir = await tempFolder();
    await mkdir(join(dir, 'busy'));
    await writeFile(join(dir, 'busy', 'keep.txt'), 'x');
    await expect(createVideoWriter(join(dir, 'busy'), { width, height, fps: 12 })).rejects.toBeInstanceOf(InvalidInputError);
  });
});
