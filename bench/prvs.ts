/**
 * PRVS's generator at the official size (8 layers, widths 128/256/512, 55.5M parameters, random
 * weights, evaluation mode) on a 256x256 image with a centre-square hole: forward under no-grad
 * in our engine and in python3-torch running the official PRVSNet (bench/prvs-reference.py, a
 * checkout given by --official). Rounds alternate between the sides; medians and the ratio are
 * printed. The Canny edge input is not timed (random edges on both sides).
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/prvs.js --official /path/to/PRVS-Image-Inpainting [--runs 3 --rounds 3 --threads 1]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PrvsNet } from '../src/models/prvs/generator.js';
import { manualSeed, noGrad, rand, setNumThreads, tensor, tidy } from '../src/torch/index.js';
import { median } from './torch-deepfill.js';

const SIZE = 256;
const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    official: { type: 'string' },
    python: { type: 'string', default: '/usr/bin/python3' },
    runs: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    threads: { type: 'string', default: '1' },
  },
});
const runs = Number(values.runs), rounds = Number(values.rounds), threads = Number(values.threads);
setNumThreads(threads);

manualSeed(0);
const net = new PrvsNet().eval();
const maskValues = new Float32Array(3 * SIZE * SIZE).fill(1);
for (let c = 0; c < 3; c++) {
  for (let y = SIZE / 4; y < (3 * SIZE) / 4; y++) maskValues.fill(0, c * SIZE * SIZE + y * SIZE + SIZE / 4, c * SIZE * SIZE + y * SIZE + (3 * SIZE) / 4);
}
const mask = tensor(maskValues, [1, 3, SIZE, SIZE]);
const image = rand([1, 3, SIZE, SIZE]).mul(mask);
const edge = rand([1, 1, SIZE, SIZE]).gt(0.9).to({ dtype: 'float32' }).mul(mask.narrow(1, 0, 1));
const forward = (): void => noGrad(() => tidy(() => void net.call(image, mask, edge)));

const ours: number[] = [];
const python: number[] = [];
let note = '';
forward(); // warm-up: the first call picks oneDNN's kernels
for (let round = 0; round < rounds; round++) {
  if (values.official) {
    const result = spawnSync(values.python!, [join(here, '..', '..', 'bench', 'prvs-reference.py'), '--official', values.official,
      '--runs', String(runs), '--threads', String(threads), '--size', String(SIZE)], { encoding: 'utf8' });
    if (result.status === 0) python.push(...(JSON.parse(result.stdout) as { timesMs: number[] }).timesMs);
    else note = `no reference column: ${result.stderr.trim().split('\n').at(-1)}`;
  } else {
    note = 'no reference column: give --official DIR, a checkout of jingyuanli001/PRVS-Image-Inpainting';
  }
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    forward();
    ours.push(performance.now() - start);
  }
}
const oursMs = median(ours);
const pythonMs = python.length > 0 ? median(python) : undefined;
console.log(`PRVS forward, 1x3x${SIZE}x${SIZE}, ${threads} thread(s), ${rounds} rounds x ${runs} runs`);
console.log(`ours ${oursMs.toFixed(0)} ms` + (pythonMs === undefined ? `; ${note}` : `, official python3-torch ${pythonMs.toFixed(0)} ms, ratio ours/official ${(oursMs / pythonMs).toFixed(2)}`));
