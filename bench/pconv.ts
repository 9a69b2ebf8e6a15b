/**
 * PConvUNet (src/models/pconv/) at the official size (layer_size 7, width 64, random weights) on
 * Bx3x256x256 with a centre 128x128 hole, in our engine and in python3-torch running naoto0804's
 * net.py (bench/pconv-reference.py; a checkout given by --naoto). Cases: forward in evaluation
 * mode under no-grad; a training step (valid + 6 hole L1, backward, Adam lr 2e-4). Same thread
 * count on both sides; rounds alternate between the sides; medians and the ratio are printed.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/pconv.js --naoto DIR [--runs 3] [--rounds 2] [--threads 2] [--batch 1]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { holeL1, validL1 } from '../src/losses/index.js';
import { PConvUNet } from '../src/models/pconv/pconv-unet.js';
import { pconvInput } from '../src/models/pconv/network.js';
import { Adam, manualSeed, noGrad, rand, setNumThreads, tensor, tidy } from '../src/torch/index.js';
import { median } from './torch-deepfill.js';

const SIZE = 256;
const { values } = parseArgs({
  options: {
    naoto: { type: 'string' },
    runs: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '2' },
    threads: { type: 'string', default: '2' },
    batch: { type: 'string', default: '1' },
    python: { type: 'string', default: '/usr/bin/python3' },
  },
});
const [runs, rounds, threads, batch] = [values.runs, values.rounds, values.threads, values.batch].map(Number);
setNumThreads(threads);

manualSeed(0);
const net = new PConvUNet();
const optimizer = new Adam(net.parameters().filter((p) => p.requiresGrad), { lr: 2e-4 });
const gt = rand([batch, 3, SIZE, SIZE]);
const valid = new Float32Array(SIZE * SIZE).fill(1);
for (let y = SIZE / 4; y < (3 * SIZE) / 4; y++) valid.fill(0, y * SIZE + SIZE / 4, y * SIZE + (3 * SIZE) / 4);
const { image, mask } = pconvInput(gt, tensor(valid, [1, 1, SIZE, SIZE]));
const hole = mask.neg().add(1);
const calls = {
  forward: () => noGrad(() => tidy(() => void net.eval().call(image, mask))),
  'train-step': () => tidy(() => {
    const [output] = net.train().call(image, mask);
    optimizer.zeroGrad();
    validL1(output, gt, hole).add(holeL1(output, gt, hole).mul(6)).backward();
    optimizer.step();
  }),
};

console.log(`PConvUNet (layer_size 7, width 64) on ${batch}x3x${SIZE}x${SIZE}, centre hole, ${threads} threads a side, ${rounds} rounds of ${runs} runs`);
console.log('case        ours ms   python3-torch ms   ratio');
for (const mode of ['forward', 'train-step'] as const) {
  const ours: number[] = [];
  const python: number[] = [];
  let note = '';
  for (let round = 0; round < rounds; round++) {
    const reference = runPython(mode);
    if ('error' in reference) note = reference.error;
    else python.push(...reference.timesMs);
    calls[mode]();
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      calls[mode]();
      ours.push(performance.now() - start);
    }
  }
  const reference = python.length > 0 ? median(python) : undefined;
  console.log(`${mode.padEnd(10)} ${median(ours).toFixed(0).padStart(8)} ${reference === undefined ? '-'.padStart(18) : reference.toFixed(0).padStart(18)} ${reference === undefined ? note : (median(ours) / reference).toFixed(2).padStart(7)}`);
}

function runPython(mode: string): { timesMs: number[] } | { error: string } {
  if (!values.naoto) return { error: 'no reference: give --naoto DIR, a checkout of naoto0804/pytorch-inpainting-with-partial-conv' };
  const script = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'pconv-reference.py');
  const result = spawnSync(values.python!, [script, '--naoto', values.naoto, '--mode', mode, '--runs', String(runs), '--batch', String(batch), '--threads', String(threads)], { encoding: 'utf8' });
  if (result.status !== 0) return { error: `reference failed: ${result.error?.message ?? result.stderr.trim().split('\n').at(-1)}` };
  return JSON.parse(result.stdout) as { timesMs: number[] };
}
