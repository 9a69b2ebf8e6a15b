/**
 * FFVI's resident memory on a long generated clip: `inpaint video --method ffvi --weights W` on
 * --frames frames of ffmpeg's testsrc2 pattern at 320x180 (the network's test size, so nothing is
 * resized) with a box hole that sweeps, in a child process whose VmRSS is sampled from /proc every
 * half second: flat in the clip's length when only one 15-frame window is held at a time.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/ffvi-memory.js --weights W [--frames 150]
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { peakResident, residentAt, sampleResidentMemory } from './sample-resident-memory.js';

const { values } = parseArgs({ options: { weights: { type: 'string' }, frames: { type: 'string', default: '150' } } });
if (!values.weights) throw new Error('give --weights W, an FFVI checkpoint (test/fixtures/models/ffvi/weights.pth is nf 8)');
const frames = Number(values.frames);
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.js');
const work = await mkdtemp(join(tmpdir(), 'ffvi-memory-'));
const seconds = frames / 25;
const input = join(work, 'long.mp4'), mask = join(work, 'long-mask.mp4'), output = join(work, 'long-out.mp4');
ffmpeg(['-f', 'lavfi', '-i', `testsrc2=size=320x180:rate=25:duration=${seconds}`, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', input]);
ffmpeg([
  '-f', 'lavfi', '-i', `color=black:size=320x180:rate=25:duration=${seconds}`,
  '-vf', "drawbox=x='140+100*sin(t)':y='70+40*sin(t/7)':w=48:h=40:color=white:t=fill",
  '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-crf', '0', mask,
]);
const run = await sampleResidentMemory(process.execPath, [cli, 'video', input, '--mask', mask, '-o', output, '--method', 'ffvi', '--weights', values.weights]);
await rm(work, { recursive: true, force: true });
console.log(`ffvi on a generated ${frames}-frame 320x180 clip: ${run.seconds.toFixed(0)} s, ${(frames / run.seconds).toFixed(2)} fps`);
console.log(`resident MB at 10% / 25% / 50% / 75% / 90% of the run: ${[0.1, 0.25, 0.5, 0.75, 0.9].map((f) => residentAt(run, f).toFixed(0)).join(' / ')}; peak ${peakResident(run).toFixed(0)}`);

function ffmpeg(args: string[]): void {
  const result = spawnSync('ffmpeg', ['-v', 'error', '-y', ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ffmpeg failed: ${result.stderr || result.error?.message}`);
}
