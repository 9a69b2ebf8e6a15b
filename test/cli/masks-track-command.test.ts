import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskIoU } from '../../bench/moving-object-clip.js';
import { createMask, type Image, type Mask } from '../../src/core/image.js';
import { readMask } from '../../src/io/read-mask.js';
import { probeVideo } from '../../src/io/video/probe-video.js';
import { writeImage } from '../../src/io/write-image.js';
import { writeMask } from '../../src/io/write-mask.js';
import { smallClip } from '../segmentation/small-clip.js';
import { runInpaint } from './built-cli.js';
import { useTempFolder } from './fixtures.js';

const tempFolder = useTempFolder();

/** Writes a small clip's frames (f_0.png ...) and its true masks (00000.png ...) into `dir`. */
async function writeClip(dir: string, frames: readonly Image[], masks: readonly Mask[]): Promise<{ frames: string; truth: string }> {
  const framesDir = join(dir, 'frames'), truthDir = join(dir, 'truth');
  await mkdir(framesDir);
  await mkdir(truthDir);
  for (let t = 0; t < frames.length; t++) {
    await writeImage(join(framesDir, `f_${t}.png`), frames[t]);
    await writeMask(join(truthDir, `${String(t).padStart(5, '0')}.png`), masks[t]);
  }
  return { frames: framesDir, truth: truthDir };
}

describe('inpaint masks --track', () => {
  it('a folder of frames and one key mask: one mask per frame, named like the frames, on the object', async () => {
    const dir = await tempFolder();
    const clip = await smallClip(6);
    const { frames, truth } = await writeClip(dir, clip.frames, clip.masks);
    const out = join(dir, 'tracked');
    const result = runInpaint(['masks', '--track', frames, '--key', `0=${join(truth, '00000.png')}`, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['f_0.png', 'f_1.png', 'f_2.png', 'f_3.png', 'f_4.png', 'f_5.png']);
    for (let t = 1; t < 6; t++) expect(maskIoU(await readMask(join(out, `f_${t}.png`)), clip.masks[t])).toBeGreaterThan(0.7);
  });

  it('--dilate grows every mask; a .mp4 output is a mask video with a frame per frame', async () => {
    const dir = await tempFolder();
    const clip = await smallClip(4);
    const { frames, truth } = await writeClip(dir, clip.frames, clip.masks);
    const plain = join(dir, 'plain'), grown = join(dir, 'grown');
    runInpaint(['masks', '--track', frames, '--key', `3=${join(truth, '00003.png')}`, '--out', plain]);
    runInpaint(['masks', '--track', frames, '--key', `3=${join(truth, '00003.png')}`, '--out', grown, '--dilate', '3']);
    const [a, b] = await Promise.all([readMask(join(plain, 'f_0.png')), readMask(join(grown, 'f_0.png'))]);
    const count = (m: Mask) => m.data.reduce((s, v) => s + v, 0);
    expect(count(b)).toBeGreaterThan(count(a) * 1.2);
    for (let i = 0; i < a.data.length; i++) if (a.data[i]) expect(b.data[i]).toBe(1);

    const video = join(dir, 'masks.mp4');
    expect(runInpaint(['masks', '--track', frames, '--key', `0=${join(truth, '00000.png')}`, '--out', video]).status).toBe(0);
    const info = await probeVideo(video);
    expect([info.width, info.height, info.frameCount ?? 4]).toEqual([96, 72, 4]);
  });

  it('input errors exit 2 with the flag named and write nothing', async () => {
    const dir = await tempFolder();
    const clip = await smallClip(3);
    const { frames, truth } = await writeClip(dir, clip.frames, clip.masks);
    const key = join(truth, '00000.png');
    const small = join(dir, 'small.png');
    await writeMask(small, createMask(10, 10));
    const out = join(dir, 'out');
    const cases: [string[], RegExp][] = [
      [['--key', `zero=${key}`], /FRAME=MASK.*for --key.*zero=/],
      [['--key', key], /FRAME=MASK.*for --key/],
      [['--key', `3=${key}`], /from 0 to 2.*3 frames.*for --key/],
      [['--key', `0=${key}`, '--key', `0=${key}`], /one mask for frame 0 for --key/],
      [['--key', `0=${small}`], /expected 96x72 but received 10x10/],
      [[], /at least one --key/],
      [['--key', `0=${key}`, '--count', '2'], /random masks.*for --count/],
      [['--key', `0=${key}`, '--point', '3,4'], /--select for --point/],
    ];
    for (const [flags, message] of cases) {
      const result = runInpaint(['masks', '--track', frames, '--out', out, ...flags]);
      expect(result.status, flags.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(await readdir(dir)).toEqual(['frames', 'small.png', 'truth']);
  });
});

describe('inpaint masks --select', () => {
  it('writes the mask of the object under the points', async () => {
    const dir = await tempFolder();
    const clip = await smallClip(1, 160, 120);
    const image = join(dir, 'photo.png'), out = join(dir, 'object.png');
    await writeImage(image, clip.frames[0]);
    const result = runInpaint(['masks', '--select', image, '--point', '48,54', '--point', '50,60', '--exclude', '150,110', '--out', out]);
    expect(result.status).toBe(0);
    expect(maskIoU(await readMask(out), clip.masks[0])).toBeGreaterThan(0.9);
  });

  it('input errors exit 2 with the flag named and write nothing', async () => {
    const dir = await tempFolder();
    const clip = await smallClip(1, 64, 48);
    const image = join(dir, 'photo.png'), out = join(dir, 'object.png');
    await writeImage(image, clip.frames[0]);
    const cases: [string[], RegExp][] = [
      [['--point', '64,10'], /inside the 64x48 image.*for --point.*"64,10"/],
      [['--point', '10,10', '--exclude', '5,48'], /inside the 64x48 image.*for --exclude/],
      [['--point', '10'], /X,Y.*for --point/],
      [['--point', '-3,4'], /X,Y.*for --point/],
      [[], /at least one --point/],
      [['--point', '10,10', '--track', image], /either --track or --select/],
      [['--point', '10,10', '--key', `0=${image}`], /--track for --key/],
    ];
    for (const [flags, message] of cases) {
      const result = runInpaint(['masks', '--select', image, '--out', out, ...flags]);
      expect(result.status, flags.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    await writeFile(join(dir, 'marker'), '');
    expect((await readdir(dir)).sort()).toEqual(['marker', 'photo.png']);
  });

  it('refuses to write the mask over the image', async () => {
    const dir = await tempFolder();
    const clip = await smallClip(1, 64, 48);
    const image = join(dir, 'photo.png');
    await writeImage(image, clip.frames[0]);
    const result = runInpaint(['masks', '--select', image, '--point', '20,20', '--out', image]);
    expect(result.status).toBe(2);
  });
});
