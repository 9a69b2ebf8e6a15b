/**
 * Internal learning's resident memory against the clip's length: `inpaint video --method internal`
 * on a short and a long generated clip (ffmpeg's testsrc2 at 192x96 with a box hole that sweeps),
 * at a small working size (128x64, depth 4) and a small budget, in a child process whose VmRSS is
 * sampled from /proc every half second (worker threads included). The method must hold the whole
 * clip at the working size (it trains on every frame), so memory grows with the length; this
 * measures by how much a frame.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/internal-memory.js [--frames 30,300] [--steps 20]
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { peakResident, sampleResidentMemory } from './sample-resident-memory.js';

const { values } = parseArgs({ options: { frames: { type: 'string', default: '30,300' }, steps: { type: 'string', default: '20' } } });
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.js');
const work = await mkdtemp(join(tmpdir(), 'internal-memory-'));
const peaks: { frames: number; peak: number; seconds: number }[] = [];
for (const frames of values.frames!.split(',').map(Number)) {
  const seconds = frames / 25;
  const input = join(work, `clip-${frames}.mp4`), mask = join(work, `mask-${frames}.mp4`), output = join(work, `out-${frames}.mp4`);
  ffmpeg(['-f', 'lavfi', '-i', `testsrc2=size=192x96:rate=25:duration=${seconds}`, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', input]);
  ffmpeg([
    '-f', 'lavfi', '-i', `color=black:size=192x96:rate=25:duration=${seconds}`,
    '-vf', "drawbox=x='80+60*sin(t)':y='30+20*sin(t/7)':w=24:h=20:color=white:t=fill",
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-crf', '0', mask,
  ]);
  const run = await sampleResidentMemory(process.execPath, [cli, 'video', input, '--mask', mask, '-o', output, '--method', 'internal',
    '--set', 'size=128', '--set', 'depth=4', '--set', `steps=${values.steps}`, '--set', 'itersPerBatch=5']);
  peaks.push({ frames, peak: peakResident(run), seconds: run.seconds });
  console.log(`internal on a generated ${frames}-frame 192x96 clip (working 128x64): ${run.seconds.toFixed(0)} s, peak resident ${peakResident(run).toFixed(0)} MB`);
}
await rm(work, { recursive: true, force: true });
if (peaks.length >= 2) {
  const [short, long] = [peaks[0]!, peaks.at(-1)!];
  console.log(`growth: ${((long.peak - short.peak) / (long.frames - short.frames) * 1024).toFixed(0)} kB a frame (a working frame is ${(128 * 64 * 3 / 1024).toFixed(0)} kB as 8-bit BGR)`);
}

function ffmpeg(args: string[]): void {
  const result = spawnSync('ffmpeg', ['-v', 'error', '-y', ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ffmpeg failed: ${result.stderr || result.error?.message}`);
}
