import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError, InvalidInputError, InvalidOptionError, UnknownMethodError } from '../../../src/core/errors.js';
import { ClipScorer } from '../../../src/eval/video/clip-scorer.js';
import { evaluateVideo } from '../../../src/eval/video/evaluate-video.js';
import { readBenchmarkMask } from '../../../src/eval/video/read-benchmark-mask.js';
import { formatVideoEvalReport } from '../../../src/eval/video/video-report.js';
import { listVideoClips } from '../../../src/eval/video/video-clips.js';
import { readImage } from '../../../src/io/read-image.js';
import { makeTinyVideoData } from './tiny-clips.js';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function data(clips: { name: string; frames: number; masks?: number }[]): Promise<string> {
  const dir = await makeTinyVideoData(clips);
  made.push(dir);
  return dir;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'inpaint-video-out-'));
  made.push(dir);
  return dir;
}

describe('evaluateVideo', () => {
  it('per-frame telea on clips b (4 frames) and a (2): clips sorted, every frame scored, outputs named as the inputs', async () => {
    const dataDir = await data([{ name: 'b', frames: 4 }, { name: 'a', frames: 2 }]);
    const outDir = await tempDir();
    const progress: [number, string | undefined][] = [];
    const report = await evaluateVideo({
      dataDir,
      method: 'per-frame',
      options: { imageMethod: 'telea' },
      outDir,
      onProgress: (fraction, label) => progress.push([fraction, label]),
    });
    expect(report.method).toBe('per-frame');
    expect(report.options).toEqual({ imageMethod: 'telea' });
    expect(report.clips.map((c) => [c.name, c.frames, c.perFrame.length])).toEqual([['a', 2, 2], ['b', 4, 4]]);
    expect(progress.map(([, label]) => label)).toEqual(['a 1/2', 'a 2/2', 'b 1/4', 'b 2/4', 'b 3/4', 'b 4/4']);
    expect(progress.at(-1)![0]).toBe(1);
    for (const clip of report.clips) {
      expect(clip.psnr).toBeGreaterThan(15);
      expect(clip.psnr).toBeLessThan(60);
      expect(clip.ssim).toBeGreaterThan(0.5);
      expect(clip.stability).toBeGreaterThan(0);
      expect(clip.fps).toBeGreaterThan(0);
      expect(clip.seconds).toBeGreaterThanOrEqual(0);
      expect((await readdir(join(outDir, clip.name))).sort()).toEqual(
        Array.from({ length: clip.frames }, (_, t) => `${String(t).padStart(5, '0')}.png`),
      );
    }
  });

  it('a clip of an odd number of frames (3) is scored in full', async () => {
    const dataDir = await data([{ name: 'odd', frames: 3 }]);
    const report = await evaluateVideo({ dataDir, method: 'per-frame' });
    expect(report.clips[0].frames).toBe(3);
  });

  it('the report equals scoring the written outputs afresh (what evaluate_video.py score reads)', async () => {
    const dataDir = await data([{ name: 'only', frames: 4 }]);
    const outDir = await tempDir();
    const [clip] = (await evaluateVideo({ dataDir, method: 'per-frame', outDir })).clips;
    const [listed] = await listVideoClips(dataDir);
    const rescored = new ClipScorer();
    for (const [i, name] of listed.frameNames.entries()) {
      const output = await readImage(join(outDir, 'only', name));
      rescored.add(output, await readImage(listed.framePaths[i]), await readBenchmarkMask(listed.maskPaths[i]));
    }
    const again = rescored.scores();
    expect(clip.psnr).toBeCloseTo(again.psnr, 9);
    expect(clip.ssim).toBeCloseTo(again.ssim, 9);
    expect(clip.stability).toBeCloseTo(again.stability, 9);
  });

  it('clips: only those named, in that order; the table has one line a clip in the scorer\'s format', async () => {
    const dataDir = await data([{ name: 'a', frames: 2 }, { name: 'b', frames: 2 }, { name: 'c', frames: 2 }]);
    const report = await evaluateVideo({ dataDir, method: 'per-frame', clips: ['c', 'a'] });
    expect(report.clips.map((c) => c.name)).toEqual(['c', 'a']);
    const lines = formatVideoEvalReport(report).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^c: PSNR \d+\.\d\d SSIM \d\.\d{4} stability \d+\.\d\d frames 2 {2}\d+\.\d fps$/);
  });

  it('an unknown clip name: InvalidOptionError listing the clips there are', async () => {
    const dataDir = await data([{ name: 'a', frames: 2 }]);
    const error = await evaluateVideo({ dataDir, method: 'per-frame', clips: ['zzz'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toContain('among a');
    expect((error as Error).message).toContain('zzz');
  });

  it('an image method id: UnknownMethodError naming the video methods', async () => {
    const dataDir = await data([{ name: 'a', frames: 2 }]);
    const error = await evaluateVideo({ dataDir, method: 'telea' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownMethodError);
    expect((error as Error).message).toContain('per-frame');
  });

  it('a bad method option fails before any frame is read', async () => {
    const error = await evaluateVideo({ dataDir: '/nonexistent', method: 'per-frame', options: { imageMethod: 'blur' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
  });

  it('more frames than masks: InvalidInputError naming the clip', async () => {
    const dataDir = await data([{ name: 'short', frames: 3, masks: 2 }]);
    const error = await evaluateVideo({ dataDir, method: 'per-frame' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/short.*3 frames and 2 masks/);
  });

  it('an output folder holding other PNGs: InvalidInputError before any frame is inpainted', async () => {
    const dataDir = await data([{ name: 'a', frames: 2 }]);
    const outDir = await tempDir();
    await mkdir(join(outDir, 'a'));
    await writeFile(join(outDir, 'a', 'stale.png'), 'not a frame');
    let frames = 0;
    const error = await evaluateVideo({ dataDir, method: 'per-frame', outDir, onProgress: () => frames++ }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain('stale.png');
    expect(frames).toBe(0);
  });

  it('a folder without video/: InvalidInputError', async () => {
    const dir = await tempDir();
    await expect(evaluateVideo({ dataDir: dir, method: 'per-frame' })).rejects.toThrow(/without video\//);
  });

  it('cancelled after the second frame: CancelledError, and the clip\'s outputs are removed', async () => {
    const dataDir = await data([{ name: 'a', frames: 5 }]);
    const outDir = await tempDir();
    const controller = new AbortController();
    const error = await evaluateVideo({
      dataDir,
      method: 'per-frame',
      outDir,
      signal: controller.signal,
      onProgress: (fraction) => {
        if (fraction >= 2 / 5) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(await readdir(join(outDir, 'a'))).toEqual([]);
  });
});
