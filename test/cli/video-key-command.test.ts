import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeImage } from '../../src/io/write-image.js';
import { writeMask } from '../../src/io/write-mask.js';
import { smallClip } from '../segmentation/small-clip.js';
import { runInpaint } from './built-cli.js';
import { readRgb, useTempFolder } from './fixtures.js';

const tempFolder = useTempFolder();

describe('inpaint video --key', () => {
  it('tracks the object from one key mask and fills it in every frame', async () => {
    const dir = await tempFolder();
    const clip = await smallClip(5);
    const frames = join(dir, 'frames');
    await mkdir(frames);
    for (let t = 0; t < clip.frames.length; t++) await writeImage(join(frames, `${t}.png`), clip.frames[t]);
    const key = join(dir, 'key.png');
    await writeMask(key, clip.masks[0]);
    const output = join(dir, 'filled');
    const result = runInpaint(['video', frames, '--key', `0=${key}`, '--dilate', '2', '-o', output, '--set', 'imageMethod=telea']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect((await readdir(output)).sort()).toEqual(['0.png', '1.png', '2.png', '3.png', '4.png']);
    for (let t = 0; t < clip.frames.length; t++) {
      const out = await readRgb(join(output, `${t}.png`));
      // The striped object is gone: inside its true outline the output is far from its stripes.
      let difference = 0, count = 0;
      clip.masks[t].data.forEach((inside, i) => {
        if (!inside) return;
        for (let c = 0; c < 3; c++) difference += Math.abs(out.rgb[3 * i + c] - clip.frames[t].rgb[3 * i + c]);
        count += 3;
      });
      expect(difference / count, `frame ${t}`).toBeGreaterThan(30);
    }
  });

  it('takes --mask or --key, not both and not neither; a bad --key exits 2', async () => {
    const dir = await tempFolder();
    const clip = await smallClip(2);
    const frames = join(dir, 'frames');
    await mkdir(frames);
    for (let t = 0; t < 2; t++) await writeImage(join(frames, `${t}.png`), clip.frames[t]);
    const key = join(dir, 'key.png');
    await writeMask(key, clip.masks[0]);
    const output = join(dir, 'out.mp4');
    const both = runInpaint(['video', frames, '--key', `0=${key}`, '--mask', key, '-o', output]);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/either --mask or --key/);
    expect(runInpaint(['video', frames, '-o', output]).status).toBe(2);
    const late = runInpaint(['video', frames, '--key', `2=${key}`, '-o', output]);
    expect(late.status).toBe(2);
    expect(late.stderr).toMatch(/from 0 to 1 \(the clip has 2 frames\) for --key/);
    expect((await readdir(dir)).sort()).toEqual(['frames', 'key.png']);
  });
});
