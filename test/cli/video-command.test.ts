import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { probeVideo } from '../../src/io/video/probe-video.js';
import { syntheticClip } from '../classical/propagate/synthetic-clip.js';
import { runInpaint } from './built-cli.js';
import { readRgb, useTempFolder } from './fixtures.js';

const tempFolder = useTempFolder();
const clip = syntheticClip({ width: 64, height: 48, frames: 8, pan: [1, 0], size: 10, start: [8, 18], drift: [3, 0] });

/** Writes the clip's grey-holed frames and masks as numbered PNGs (frame_3.png, ...). */
async function writeClip(dir: string): Promise<{ frames: string; masks: string }> {
  const frames = join(dir, 'frames'), masks = join(dir, 'masks');
  await mkdir(frames);
  await mkdir(masks);
  for (let t = 0; t < clip.frames.length; t++) {
    const { width, height, rgb } = clip.frames[t];
    await sharp(rgb, { raw: { width, height, channels: 3 } }).png().toFile(join(frames, `frame_${t + 1}.png`));
    const mask = Uint8Array.from(clip.masks[t].data, (v) => v * 255);
    await sharp(mask, { raw: { width, height, channels: 1 } }).png().toFile(join(masks, `mask_${t + 1}.png`));
  }
  return { frames, masks };
}

describe('inpaint video', () => {
  it('frame folder to frame folder: same names, known pixels untouched, holes filled from other frames', async () => {
    const dir = await tempFolder();
    const { frames, masks } = await writeClip(dir);
    const output = join(dir, 'filled');
    const result = runInpaint(['video', frames, '--mask', masks, '-o', output]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect((await readdir(output)).sort()).toEqual((await readdir(frames)).sort());
    let knownChanged = 0, holeError = 0, holeValues = 0;
    for (let t = 0; t < clip.frames.length; t++) {
      const out = await readRgb(join(output, `frame_${t + 1}.png`));
      const mask = clip.masks[t].data;
      for (let i = 0; i < mask.length; i++) {
        for (let c = 0; c < 3; c++) {
          if (!mask[i]) knownChanged += out.rgb[3 * i + c] !== clip.frames[t].rgb[3 * i + c] ? 1 : 0;
          else {
            holeError += Math.abs(out.rgb[3 * i + c] - clip.truth[t].rgb[3 * i + c]);
            holeValues++;
          }
        }
      }
    }
    expect(knownChanged).toBe(0);
    expect(holeError / holeValues).toBeLessThan(4);
  });

  it('mp4 in, one mask image for every frame, mp4 out with the same frame count and rate', async () => {
    const dir = await tempFolder();
    const { frames } = await writeClip(dir);
    const input = join(dir, 'clip.mp4');
    const encoded = spawnSync('ffmpeg', ['-v', 'error', '-framerate', '10', '-start_number', '1', '-i', join(frames, 'frame_%d.png'), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', input]);
    expect(encoded.status, encoded.stderr?.toString()).toBe(0);
    const mask = join(dir, 'hole.png');
    await sharp(Uint8Array.from(clip.masks[0].data, (v) => v * 255), { raw: { width: 64, height: 48, channels: 1 } }).png().toFile(mask);
    const output = join(dir, 'out.mp4');
    const result = runInpaint(['video', input, '--mask', mask, '-o', output, '--set', 'imageMethod=telea']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const info = await probeVideo(output);
    expect(info).toMatchObject({ width: 64, height: 48, frameCount: 8, fps: 10 });
  });

  it('refuses to write over an input, which stays as it was', async () => {
    const dir = await tempFolder();
    const { frames, masks } = await writeClip(dir);
    const before = await readFile(join(masks, 'mask_1.png'));
    const result = runInpaint(['video', frames, '--mask', join(masks, 'mask_1.png'), '-o', join(masks, 'mask_1.png')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/over an input/);
    expect(await readFile(join(masks, 'mask_1.png'))).toEqual(before);
  });

  it('a mask folder with a frame too few: exit 2, the count named, nothing written', async () => {
    const dir = await tempFolder();
    const { frames, masks } = await writeClip(dir);
    const fewer = join(dir, 'fewer');
    await mkdir(fewer);
    for (const name of (await readdir(masks)).slice(1)) await sharp(join(masks, name)).toFile(join(fewer, name));
    const result = runInpaint(['video', frames, '--mask', fewer, '-o', join(dir, 'out')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/8 masks, one per video frame/);
    expect((await readdir(dir)).sort()).toEqual(['fewer', 'frames', 'masks']);
  });

  it('an image method or a bad option: exit 2 before any frame is read', () => {
    const wrongMethod = runInpaint(['video', 'nowhere/', '--mask', 'm.png', '-o', 'out.mp4', '--method', 'telea']);
    expect(wrongMethod.status).toBe(2);
    expect(wrongMethod.stderr).toMatch(/one of propagate, per-frame/);
    const badOption = runInpaint(['video', 'nowhere/', '--mask', 'm.png', '-o', 'out.mp4', '--set', 'window=2']);
    expect(badOption.status).toBe(2);
    expect(badOption.stderr).toMatch(/window/);
    const networkWithoutWeights = runInpaint(['video', 'nowhere/', '--mask', 'm.png', '-o', 'out.mp4', '--set', 'imageMethod=deepfillv2']);
    expect(networkWithoutWeights.status).toBe(2);
    expect(networkWithoutWeights.stderr).toMatch(/weights file for deepfillv2/);
    const weightsUnused = runInpaint(['video', 'nowhere/', '--mask', 'm.png', '-o', 'out.mp4', '--weights', 'w.pth']);
    expect(weightsUnused.status).toBe(2);
    expect(weightsUnused.stderr).toMatch(/--weights/);
  });
});
