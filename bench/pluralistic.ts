/**
 * Pluralistic inference (src/models/pluralistic/) against the official networks in python3-torch
 * (bench/pluralistic-reference.py on a checkout given by --official): net_E, then net_G on the
 * prior's mean, the known pixels pasted back; official widths, random weights, 256x256 with a
 * centre-square hole, batch 1, under no-grad, the same thread count on both sides. Rounds
 * alternate between the sides; prints the medians and our time over theirs.
 *
 *   npx tsc -p tsconfig.build.json && nice -n 10 node dist/bench/pluralistic.js --official DIR [--runs 5] [--rounds 3] [--threads 1]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { complete, completionInputs } from '../src/models/pluralistic/completion.js';
import { PluralisticNetworks } from '../src/models/pluralistic/networks.js';
import { officialWidths } from '../src/models/pluralistic/widths.js';
import { manualSeed, noGrad, rand, setNumThreads, tensor, tidy, type Tensor } from '../src/torch/index.js';
import { median } from './torch-deepfill.js';

const { values } = parseArgs({
  options: {
    official: { type: 'string' },
    python: { type: 'string', default: '/usr/bin/python3' },
    runs: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    threads: { type: 'string', default: '1' },
  },
});
if (!values.official) throw new Error('give --official DIR, a checkout of lyndonzheng/Pluralistic-Inpainting');
const runs = Number(values.runs), rounds = Number(values.rounds), threads = Number(values.threads);
setNumThreads(threads);

manualSeed(0);
const net = PluralisticNetworks.random(officialWidths);
const pixels = rand([1, 3, 256, 256]).mul(2).sub(1);
const mask = centreHole();
const inputs = completionInputs(pixels, mask);
const call = () => noGrad(() => tidy(() => void complete(net.encoder, net.generator, inputs, 1, 'mean')));

const ours: number[] = [];
const theirs: number[] = [];
const script = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'pluralistic-reference.py');
for (let round = 0; round < rounds; round++) {
  const result = spawnSync(values.python!, [script, '--official', values.official, '--runs', String(runs), '--threads', String(threads)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${values.python} failed: ${result.stderr.trim().split('\n').at(-1)}`);
  theirs.push(...(JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { timesMs: number[] }).timesMs);
  call();
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    call();
    ours.push(performance.now() - start);
  }
}
const [oursMs, theirsMs] = [median(ours), median(theirs)];
console.log(`pluralistic 256x256 batch 1, ${threads} thread(s), ${rounds}x${runs} runs: ours ${oursMs.toFixed(1)} ms, official ${theirsMs.toFixed(1)} ms, ratio ${(oursMs / theirsMs).toFixed(2)}`);

/** 1 = valid, the centre 128x128 square a hole. */
function centreHole(): Tensor {
  const valid = new Float32Array(256 * 256).fill(1);
  for (let y = 64; y < 192; y++) valid.fill(0, y * 256 + 64, y * 256 + 192);
  return tensor(valid, [1, 1, 256, 256]);
}
