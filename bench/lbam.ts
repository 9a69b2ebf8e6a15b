/**
 * LBAM's generator (official width 64, random weights) on a 256x256 image with a centre-square
 * hole, batch 1, forward under no-grad: our engine against the official LBAMModel run by
 * python3-torch (bench/lbam-reference.py; a checkout of Vious/LBAM_Pytorch given by --official or
 * LBAM_OFFICIAL). Rounds alternate between the sides; prints the medians and their ratio.
 *
 *   node dist/bench/lbam.js --official /tmp/lbam [--runs 3] [--rounds 2] [--threads 2]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LbamGenerator } from '../src/models/lbam/generator.js';
import { lbamInputs } from '../src/models/lbam/inpaint.js';
import { manualSeed, noGrad, ones, rand, setNumThreads, tidy } from '../src/torch/index.js';
import { median } from './torch-deepfill.js';

const { values } = parseArgs({
  options: {
    official: { type: 'string', default: process.env.LBAM_OFFICIAL },
    python: { type: 'string', default: '/usr/bin/python3' },
    runs: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '2' },
    threads: { type: 'string', default: '2' },
  },
});
const runs = Number(values.runs), rounds = Number(values.rounds), threads = Number(values.threads);
setNumThreads(threads);
manualSeed(0);
const generator = new LbamGenerator().eval();
const valid = ones([1, 1, 256, 256]);
noGrad(() => valid.narrow(2, 64, 128).narrow(3, 64, 128).zero_());
const { input, masks } = lbamInputs(rand([1, 3, 256, 256]), valid);
const forward = (): void => noGrad(() => tidy(() => void generator.call(input, masks)));

const ours: number[] = [];
const python: number[] = [];
let note = '';
forward();
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    forward();
    ours.push(performance.now() - start);
  }
  if (!values.official) {
    note = 'no reference column: give --official DIR, a checkout of Vious/LBAM_Pytorch';
    continue;
  }
  const script = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'lbam-reference.py');
  const result = spawnSync(values.python!, [script, '--official', values.official, '--runs', String(runs), '--threads', String(threads)], { encoding: 'utf8' });
  if (result.status === 0) python.push(...(JSON.parse(result.stdout) as { timesMs: number[] }).timesMs);
  else note = `no reference column: ${values.python} failed (${result.stderr.trim().split('\n').at(-1)})`;
}
const oursMs = median(ours);
const pythonMs = python.length > 0 ? median(python) : undefined;
console.log(`lbam forward 1x256x256, ${threads} threads: ours ${oursMs.toFixed(0)} ms, python3-torch ${pythonMs?.toFixed(0) ?? '-'} ms` +
  (pythonMs ? `, ratio ours/python ${(oursMs / pythonMs).toFixed(2)}` : '') + (note ? ` (${note})` : ''));
