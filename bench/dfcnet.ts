/**
 * DFC-Net (ResNet-101, the released model's architecture, random weights) forward on a
 * 33-channel flow stack, in our engine and in python3-torch running the official
 * models/resnet_models.py (a checkout given by --official), rounds alternating between the two;
 * prints the medians and their ratio.
 *
 *   npx vite-node bench/dfcnet.ts -- --official /tmp/dfc [--height 64 --width 112 --runs 3 --rounds 2 --threads 2]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DfcNet, resnet101Movie } from '../src/models/dfcnet/dfc-resnet.js';
import { noGrad, randn, setNumThreads, tidy } from '../src/torch/index.js';
import { median } from './torch-deepfill.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    official: { type: 'string' }, python: { type: 'string', default: '/usr/bin/python3' },
    height: { type: 'string', default: '64' }, width: { type: 'string', default: '112' },
    runs: { type: 'string', default: '3' }, rounds: { type: 'string', default: '2' }, threads: { type: 'string', default: '2' },
  },
});
const [height, width, runs, rounds, threads] = [values.height, values.width, values.runs, values.rounds, values.threads].map(Number);
setNumThreads(threads);
const net = new DfcNet(resnet101Movie).eval();
const x = randn([1, 33, height, width]);
const forward = () => noGrad(() => tidy(() => void net.call(x)));
forward();
const ours: number[] = [], python: number[] = [];
let note = '';
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    forward();
    ours.push(performance.now() - start);
  }
  if (!values.official) {
    note = 'no reference column: give --official DIR, a checkout of nbei/Deep-Flow-Guided-Video-Inpainting';
    continue;
  }
  const script = join(dirname(fileURLToPath(import.meta.url)), 'dfcnet-reference.py');
  const result = spawnSync(values.python!, [script, '--official', values.official, '--height', String(height), '--width', String(width),
    '--runs', String(runs), '--threads', String(threads)], { encoding: 'utf8' });
  if (result.status !== 0) note = `reference failed: ${result.stderr.trim().split('\n').at(-1)}`;
  else python.push(...(JSON.parse(result.stdout) as { timesMs: number[] }).timesMs);
}
const ms = (v: number) => `${v.toFixed(0)} ms`;
console.log(`DFC-Net ResNet-101 forward, 1x33x${height}x${width}, ${threads} threads, ${runs} runs x ${rounds} rounds`);
console.log(`ours   ${ms(median(ours))}`);
if (python.length > 0) console.log(`python ${ms(median(python))}   ratio ours/python ${(median(ours) / median(python)).toFixed(2)}`);
if (note) console.log(note);
