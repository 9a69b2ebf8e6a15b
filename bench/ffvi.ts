/**
 * FFVI (src/models/ffvi/) frames per second: one window of --frames frames at --width x --height
 * (432x240 by default) with a centre hole, the released width (nf 64, skip connections) and random
 * weights, in evaluation mode under no-grad, in our engine and in python3-torch running the
 * official model (bench/ffvi-reference.py; a checkout given by --official). Same thread count on
 * both sides; rounds alternate between the sides; medians, frames per second and the ratio are
 * printed.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/ffvi.js --official DIR [--nf 64] [--frames 15] [--runs 1] [--rounds 2] [--threads 2]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ffviForward } from '../src/models/ffvi/fill-window.js';
import { FfviModel } from '../src/models/ffvi/model.js';
import { manualSeed, noGrad, ones, rand, setNumThreads, tidy } from '../src/torch/index.js';
import { median } from './torch-deepfill.js';

const { values } = parseArgs({
  options: {
    official: { type: 'string' },
    nf: { type: 'string', default: '64' },
    frames: { type: 'string', default: '15' },
    width: { type: 'string', default: '432' },
    height: { type: 'string', default: '240' },
    runs: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '2' },
    threads: { type: 'string', default: '2' },
    python: { type: 'string', default: '/usr/bin/python3' },
  },
});
const [nf, frames, width, height, runs, rounds, threads] = [values.nf, values.frames, values.width, values.height, values.runs, values.rounds, values.threads].map(Number);
setNumThreads(threads);

manualSeed(0);
const model = new FfviModel({ nf, skipConnections: true }).eval();
const pixels = rand([1, 3, frames, height, width]);
const valid = ones([1, 1, frames, height, width]);
noGrad(() => valid.narrow(3, height / 4, height / 2).narrow(4, width / 4, width / 2).zero_());
const call = () => noGrad(() => tidy(() => void ffviForward(model, pixels, valid)));

console.log(`FFVI (nf ${nf}, skip connections) on ${frames} frames of ${width}x${height}, centre hole, ${threads} threads a side, ${rounds} rounds of ${runs} runs`);
const ours: number[] = [];
const python: number[] = [];
let note = '';
for (let round = 0; round < rounds; round++) {
  const reference = runPython();
  if ('error' in reference) note = reference.error;
  else python.push(...reference.timesMs);
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    call();
    ours.push(performance.now() - start);
  }
}
const fps = (ms: number) => ((frames * 1000) / ms).toFixed(2);
const oursMs = median(ours);
console.log('side             ms per window   frames/s');
console.log(`ours          ${oursMs.toFixed(0).padStart(16)} ${fps(oursMs).padStart(10)}`);
if (python.length > 0) {
  const referenceMs = median(python);
  console.log(`python3-torch ${referenceMs.toFixed(0).padStart(16)} ${fps(referenceMs).padStart(10)}`);
  console.log(`ratio (ours / python3-torch time): ${(oursMs / referenceMs).toFixed(2)}`);
} else {
  console.log(`python3-torch: ${note}`);
}

function runPython(): { timesMs: number[] } | { error: string } {
  if (!values.official) return { error: 'no reference: give --official DIR, a checkout of amjltc295/Free-Form-Video-Inpainting' };
  const script = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'ffvi-reference.py');
  const args = ['--official', values.official, '--nf', String(nf), '--frames', String(frames), '--width', String(width), '--height', String(height), '--runs', String(runs), '--threads', String(threads)];
  const result = spawnSync(values.python!, [script, ...args], { encoding: 'utf8' });
  if (result.status !== 0) return { error: `reference failed: ${result.error?.message ?? result.stderr.trim().split('\n').at(-1)}` };
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { timesMs: number[] };
}
