/**
 * Internal learning (src/models/internal/) at the official size: one optimisation step (batch 5
 * of 192x384 noise maps, depth 6, strides 1,3,5, the recon_image, recon_flow and consistency
 * terms, backward, Adam lr 1e-2) and one generation pass, in our engine and in python3-torch
 * running the official EncoderDecoder2D and warp_torch (bench/internal-reference.py; a checkout
 * given by --official). Same thread count on both sides; rounds alternate; medians and the ratio.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/internal.js --official DIR [--runs 3] [--rounds 2] [--threads 2]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EncoderDecoder2D, officialConfig } from '../src/models/internal/encoder-decoder-2d.js';
import { internalLosses, OFFICIAL_LOSS_WEIGHTS } from '../src/models/internal/losses.js';
import { Adam, cat, manualSeed, noGrad, ones, rand, randn, setNumThreads, tensor, tidy } from '../src/torch/index.js';
import { median } from './torch-deepfill.js';

const { values } = parseArgs({
  options: {
    official: { type: 'string' },
    runs: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '2' },
    threads: { type: 'string', default: '2' },
    python: { type: 'string', default: '/usr/bin/python3' },
  },
});
const [runs, rounds, threads] = [values.runs, values.rounds, values.threads].map(Number);
setNumThreads(threads);

const [H, W] = [192, 384];
manualSeed(0);
const net = new EncoderDecoder2D(officialConfig(15));
const optimizer = new Adam(net.parameters(), { lr: 1e-2 });
const noise = rand([5, 1, H, W]).mul(0.1);
const hole = new Float32Array(5 * H * W);
for (let t = 0; t < 5; t++) for (let y = 60; y < 120; y++) hole.fill(1, (t * H + y) * W + 150, (t * H + y) * W + 250);
const masks = tensor(hole, [5, 1, H, W]);
const targets = {
  frames: rand([5, 3, H, W]),
  masks,
  perceptualMasks: [],
  direction: 'f' as const,
  flowChannel: 3,
  flow: cat([randn([4, 2, H, W]), ones([4, 1, H, W])], 1),
  maskFlow: masks.narrow(0, 0, 4),
  flowValueMax: 5,
};
const weights = { ...OFFICIAL_LOSS_WEIGHTS, perceptual: 0 };
const calls = {
  'train-step': () => tidy(() => {
    optimizer.zeroGrad();
    internalLosses(net.call(noise), targets, weights, null).total.backward();
    optimizer.step();
  }),
  forward: () => noGrad(() => tidy(() => void net.call(noise))),
};

console.log(`internal learning, EncoderDecoder2D depth 6 on 5x1x${H}x${W}, ${threads} threads a side, ${rounds} rounds of ${runs} runs`);
console.log('case         ours ms   python3-torch ms   ratio');
for (const mode of ['train-step', 'forward'] as const) {
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
  console.log(`${mode.padEnd(11)} ${median(ours).toFixed(0).padStart(8)} ${reference === undefined ? '-'.padStart(18) : reference.toFixed(0).padStart(18)} ${reference === undefined ? note : (median(ours) / reference).toFixed(2).padStart(7)}`);
}

function runPython(mode: string): { timesMs: number[] } | { error: string } {
  if (!values.official) return { error: 'no reference: give --official DIR, a checkout of Haotianz94/IL_video_inpainting' };
  const script = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'internal-reference.py');
  const result = spawnSync(values.python!, [script, '--official', values.official, '--mode', mode, '--runs', String(runs), '--threads', String(threads)], { encoding: 'utf8' });
  if (result.status !== 0) return { error: `reference failed: ${result.error?.message ?? result.stderr.trim().split('\n').at(-1)}` };
  return JSON.parse(result.stdout) as { timesMs: number[] };
}
