/**
 * CPNet on a short clip at the official test size (424x240), ours against the official
 * CPNet_test.py in python3-torch, same run: ours is the cpnet network's window fill
 * (models/cpnet/fill-window.ts: the official two-pass loop) on the calling thread; the reference is
 * bench/cpnet-reference.py (the official script from a checkout). Random weights at the official
 * size on both sides. Prints the median time and frames per second of each and the ratio.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/cpnet.js --official /tmp/cpnet [--frames 6 --runs 1 --threads 1]
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { createImage, createMask } from '../src/core/image.js';
import { CPNet } from '../src/models/cpnet/cpnet.js';
import { fillCPNetWindow } from '../src/models/cpnet/fill-window.js';
import { manualSeed, setNumThreads } from '../src/torch/index.js';
import { median } from './torch-deepfill.js';

const WIDTH = 424, HEIGHT = 240;
const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    official: { type: 'string' },
    python: { type: 'string', default: '/usr/bin/python3' },
    frames: { type: 'string', default: '6' },
    runs: { type: 'string', default: '1' },
    threads: { type: 'string', default: '1' },
  },
});
const frameCount = Number(values.frames), runs = Number(values.runs);
// Both sides on the same thread count (python3-torch starts with one here).
setNumThreads(Number(values.threads));

const folder = await mkdtemp(join(tmpdir(), 'bench-cpnet-'));
try {
  // A texture panning left 3 px a frame under an ellipse hole drifting right.
  const frames = Array.from({ length: frameCount }, (_, f) => createImage(WIDTH, HEIGHT, new Uint8Array(WIDTH * HEIGHT * 3).map((_, i) => {
    const p = Math.floor(i / 3), x = (p % WIDTH) + 3 * f, y = Math.floor(p / WIDTH);
    return Math.round(127 + 100 * Math.sin(x / 17 + (i % 3)) * Math.cos(y / 23));
  })));
  const masks = frames.map((_, f) => createMask(WIDTH, HEIGHT, new Uint8Array(WIDTH * HEIGHT).map((_, p) => {
    const dx = ((p % WIDTH) - 150 - 4 * f) / 50, dy = (Math.floor(p / WIDTH) - 120) / 40;
    return dx * dx + dy * dy < 1 ? 1 : 0;
  })));
  await mkdir(join(folder, 'frames'));
  await mkdir(join(folder, 'masks'));
  for (const [f, frame] of frames.entries()) {
    const name = `${String(f).padStart(5, '0')}.png`;
    await sharp(Buffer.from(frame.rgb), { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).png().toFile(join(folder, 'frames', name));
    await sharp(Buffer.from(masks[f].data.map((h) => h * 255)), { raw: { width: WIDTH, height: HEIGHT, channels: 1 } }).png().toFile(join(folder, 'masks', name));
  }

  manualSeed(0);
  const net = new CPNet().eval();
  const ours: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    fillCPNetWindow(net, frames, masks);
    ours.push(performance.now() - start);
  }
  let python: number[] = [], note = '';
  if (!values.official) {
    note = 'no reference column: give --official DIR, a checkout of shleecs/Copy-and-Paste-Networks-for-Deep-Video-Inpainting';
  } else {
    const result = spawnSync(values.python!, [join(here, '..', '..', 'bench', 'cpnet-reference.py'), '--official', values.official,
      '--clip', folder, '--runs', String(runs), '--threads', values.threads!], { encoding: 'utf8' });
    if (result.status !== 0) note = `no reference column: ${result.stderr.trim().split('\n').at(-1)}`;
    else python = (JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { timesMs: number[] }).timesMs;
  }
  const fps = (ms: number) => (frameCount / (ms / 1000)).toFixed(3);
  const oursMs = median(ours);
  const pythonMs = python.length > 0 ? median(python) : undefined;
  console.log(`| ${frameCount} frames, ${WIDTH}x${HEIGHT} | ours ms (fps) | official (python3-torch) ms (fps) | ours / official |`);
  console.log('|---|---|---|---|');
  console.log(`| two passes | ${oursMs.toFixed(0)} (${fps(oursMs)}) | ${pythonMs ? `${pythonMs.toFixed(0)} (${fps(pythonMs)})` : '-'} | ${pythonMs ? (oursMs / pythonMs).toFixed(2) : '-'} |`);
  if (note) console.log(note);
} finally {
  await rm(folder, { recursive: true, force: true });
}
