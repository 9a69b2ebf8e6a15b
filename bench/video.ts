/**
 * Video bench. Part 1: every video method on the benchmark clips (432x320, 48 frames), scored as
 * evaluate_video.py scores, beside OpenCV's Telea frame by frame (python3-opencv, run in the same
 * bench). Part 2: the resident memory of `inpaint video` on a generated long clip (default 1000
 * frames of 432x320, ffmpeg's testsrc2 pattern with a hole that moves), sampled from /proc while
 * it runs, to show it stays flat with the clip's length. See bench/README.md.
 *
 *   node dist/bench/video.js [--data ../shared/data] [--long 1000] [--python /usr/bin/python3]
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { evaluateVideo } from '../src/eval/video/evaluate-video.js';
import { listVideoClips } from '../src/eval/video/video-clips.js';
import { videoMethods } from '../src/methods.js';
import { peakResident, residentAt, sampleResidentMemory } from './sample-resident-memory.js';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'src', 'cli', 'main.js');
const scorer = (data: string) => join(data, 'evaluate_video.py');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/data' },
      long: { type: 'string', default: '1000' },
      python: { type: 'string', default: '/usr/bin/python3' },
    },
  });
  const longFrames = Number(values.long);
  if (!Number.isInteger(longFrames) || longFrames < 0) throw new Error(`--long: expected an integer >= 0, got ${values.long}`);
  const work = await mkdtemp(join(tmpdir(), 'inpaint-video-bench-'));
  try {
    await clipScores(values.data, values.python, work);
    if (longFrames > 0) await longClipMemory(longFrames, work);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function clipScores(data: string, python: string, work: string): Promise<void> {
  const clips = await listVideoClips(data);
  console.log('method            clip       PSNR    SSIM    stability  fps    PSNR - cv2 Telea');
  for (const clip of clips) {
    const reference = openCvTelea(python, data, clip.name, join(work, `telea-${clip.name}`));
    const rows = reference ? [{ name: 'cv2 Telea', ...reference }] : [];
    for (const method of videoMethods) {
      const report = await evaluateVideo({ dataDir: data, method: method.id, clips: [clip.name] });
      const scores = report.clips[0];
      rows.push({ name: method.id, psnr: scores.psnr, ssim: scores.ssim, stability: scores.stability, fps: scores.fps });
    }
    for (const row of rows) {
      const gain = reference ? (row.psnr - reference.psnr).toFixed(2) : '-';
      console.log(
        `${row.name.padEnd(17)} ${clip.name.padEnd(9)} ${row.psnr.toFixed(2).padStart(6)}  ${row.ssim.toFixed(4)}  ` +
          `${row.stability.toFixed(2).padStart(9)}  ${row.fps.toFixed(1).padStart(5)}  ${gain.padStart(8)}`,
      );
    }
  }
}

/** OpenCV's Telea run and scored by the reference script; undefined when OpenCV is missing. */
function openCvTelea(python: string, data: string, clip: string, out: string) {
  const baseline = spawnSync(python, [scorer(data), data, 'baseline', clip, out], { encoding: 'utf8' });
  if (baseline.status !== 0) {
    console.error(`cv2 Telea skipped (${python}): ${(baseline.stderr || baseline.error?.message || '').trim().split('\n').pop()}`);
    return undefined;
  }
  const seconds = Number(/in ([\d.]+)s/.exec(baseline.stdout)?.[1]);
  const score = spawnSync(python, [scorer(data), data, 'score', clip, out, '--json'], { encoding: 'utf8' });
  const result = JSON.parse(score.stdout) as { psnr: number; ssim: number; stability: number; frames: number };
  return { psnr: result.psnr, ssim: result.ssim, stability: result.stability, fps: result.frames / seconds };
}

async function longClipMemory(frames: number, work: string): Promise<void> {
  const seconds = frames / 25;
  const input = join(work, 'long.mp4'), mask = join(work, 'long-mask.mp4'), output = join(work, 'long-out.mp4');
  ffmpeg(['-f', 'lavfi', '-i', `testsrc2=size=432x320:rate=25:duration=${seconds}`, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', input]);
  // A 48x40 box sweeping left to right and back, a little lower each sweep.
  ffmpeg([
    '-f', 'lavfi', '-i', `color=black:size=432x320:rate=25:duration=${seconds}`,
    '-vf', "drawbox=x='190+150*sin(t)':y='140+80*sin(t/7)':w=48:h=40:color=white:t=fill",
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-crf', '0', mask,
  ]);
  console.log(`\ninpaint video on a generated ${frames}-frame 432x320 clip (propagate, default options)`);
  const run = await sampleResidentMemory(process.execPath, [cli, 'video', input, '--mask', mask, '-o', output]);
  console.log(`${frames} frames in ${run.seconds.toFixed(0)} s: ${(frames / run.seconds).toFixed(2)} fps`);
  console.log(
    `resident MB at 10% / 50% / 90% of the run: ${[0.1, 0.5, 0.9].map((f) => residentAt(run, f).toFixed(0)).join(' / ')}; peak ${peakResident(run).toFixed(0)} (limit 1536)`,
  );
}

function ffmpeg(args: string[]): void {
  const result = spawnSync('ffmpeg', ['-v', 'error', '-y', ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ffmpeg failed: ${result.stderr || result.error?.message}`);
}

await main();
