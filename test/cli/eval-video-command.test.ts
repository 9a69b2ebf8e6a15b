import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTinyVideoData } from '../eval/video/tiny-clips.js';
import { interruptOncePngIn, runInpaint, startInpaint } from './built-cli.js';
import { useTempFolder } from './fixtures.js';

const tempFolder = useTempFolder();
const dataDirs: string[] = [];
afterEach(async () => {
  await Promise.all(dataDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function videoData(clips: { name: string; frames: number }[], size?: number): Promise<string> {
  const dir = await makeTinyVideoData(clips, size);
  dataDirs.push(dir);
  return dir;
}

describe('inpaint eval --video', () => {
  it('no --method: per-frame; a line a clip in evaluate_video.py\'s format plus fps; --out writes <clip>/<frame name>', async () => {
    const data = await videoData([{ name: 'walk', frames: 4 }, { name: 'pan', frames: 2 }]);
    const out = join(await tempFolder(), 'outputs');
    const result = runInpaint(['eval', '--video', '--data', data, '--out', out]);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^pan: PSNR \d+\.\d\d SSIM \d\.\d{4} stability \d+\.\d\d frames 2 {2}\d+\.\d fps$/);
    expect(lines[1]).toMatch(/^walk: .* frames 4 /);
    expect((await readdir(join(out, 'walk'))).sort()).toEqual(['00000.png', '00001.png', '00002.png', '00003.png']);
  });

  it('--json --clips walk --set imageMethod=patchmatch: the report of that clip alone', async () => {
    const data = await videoData([{ name: 'walk', frames: 2 }, { name: 'pan', frames: 2 }]);
    const result = runInpaint(['eval', '--video', '--data', data, '--method', 'per-frame', '--set', 'imageMethod=patchmatch', '--clips', 'walk', '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { method: string; options: unknown; clips: { name: string; frames: number; psnr: number }[] };
    expect(report.method).toBe('per-frame');
    expect(report.options).toEqual({ imageMethod: 'patchmatch' });
    expect(report.clips.map((c) => [c.name, c.frames])).toEqual([['walk', 2]]);
    expect(report.clips[0].psnr).toBeGreaterThan(10);
  });

  it.each([
    [['--video', '--method', 'telea'], 'per-frame'],
    [['--video', '--clips', 'nope'], 'nope'],
    [['--video', '--set', 'imageMethod=blur'], 'imageMethod'],
    [['--clips', 'walk', '--method', 'telea'], '--clips'],
  ])('%j: exit 2 naming %s', async (flags, named) => {
    const data = await videoData([{ name: 'walk', frames: 2 }]);
    const result = runInpaint(['eval', '--data', data, ...flags]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^inpaint: /);
    expect(result.stderr).toContain(named);
  });

  it('SIGINT mid-clip: exit 130 and the clip\'s written frames removed', async () => {
    const data = await videoData([{ name: 'long', frames: 40 }], 96);
    const out = join(await tempFolder(), 'outputs');
    const child = startInpaint(['eval', '--video', '--data', data, '--set', 'imageMethod=patchmatch', '--out', out]);
    // Interrupted once the first frame is on disk.
    const { status, stderr } = await interruptOncePngIn(child, join(out, 'long'));
    expect(status).toBe(130);
    expect(stderr).toContain('inpaint: the work was cancelled');
    expect(await readdir(join(out, 'long'))).toEqual([]);
  });
});
