/**
 * CSA inference (src/models/csa/) against the official networks in python3-torch
 * (bench/csa-reference.py on a checkout given by --official): netP then netG at the official
 * width (ngf 64), random weights, 256x256 with the official centre hole, batch 1, under no-grad;
 * and the CSA layer alone on 512 x 32 x 32 features (the official layer loops in Python over the
 * positions). The same thread count on both sides; rounds alternate between the sides; prints the
 * medians and our time over theirs.
 *
 *   npx tsc -p tsconfig.build.json && nice -n 10 node dist/bench/csa.js --official DIR [--runs 3] [--rounds 2] [--threads 1]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { complete, csaInputs } from '../src/models/csa/completion.js';
import { CoherentSemanticAttention } from '../src/models/csa/csa-layer.js';
import { featureMask, holeFlags } from '../src/models/csa/feature-mask.js';
import { CsaNetworks } from '../src/models/csa/networks.js';
import { manualSeed, noGrad, rand, randn, setNumThreads, tensor, tidy, type Tensor } from '../src/torch/index.js';
import { median } from './torch-deepfill.js';

const { values } = parseArgs({
  options: {
    official: { type: 'string' },
    python: { type: 'string', default: '/usr/bin/python3' },
    runs: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '2' },
    threads: { type: 'string', default: '1' },
  },
});
if (!values.official) throw new Error('give --official DIR, a checkout of KumapowerLIU/CSA-inpainting');
const runs = Number(values.runs), rounds = Number(values.rounds), threads = Number(values.threads);
setNumThreads(threads);

manualSeed(0);
const net = CsaNetworks.random(64);
const mask = centreHole();
const inputs = csaInputs(rand([1, 3, 256, 256]).mul(2).sub(1), mask);
const layer = new CoherentSemanticAttention();
layer.setHoles(holeFlags(featureMask(mask)));
const features = randn([1, 512, 32, 32]).add(2);
const calls = {
  pipeline: () => noGrad(() => tidy(() => void complete(net.rough, net.refine, inputs))),
  layer: () => noGrad(() => tidy(() => void layer.call(features))),
};

const ours = { pipeline: [] as number[], layer: [] as number[] };
const theirs = { pipeline: [] as number[], layer: [] as number[] };
const script = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'csa-reference.py');
for (let round = 0; round < rounds; round++) {
  const result = spawnSync(values.python!, [script, '--official', values.official, '--runs', String(runs), '--threads', String(threads)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${values.python} failed: ${result.stderr.trim().split('\n').at(-1)}`);
  const times = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { pipelineMs: number[]; layerMs: number[] };
  theirs.pipeline.push(...times.pipelineMs);
  theirs.layer.push(...times.layerMs);
  for (const name of ['pipeline', 'layer'] as const) {
    calls[name]();
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      calls[name]();
      ours[name].push(performance.now() - start);
    }
  }
}
for (const name of ['pipeline', 'layer'] as const) {
  const [oursMs, theirsMs] = [median(ours[name]), median(theirs[name])];
  console.log(`csa ${name === 'pipeline' ? 'netP + netG 256x256' : 'CSA layer 512x32x32'}, ${threads} thread(s), ${rounds}x${runs} runs: ours ${oursMs.toFixed(1)} ms, official ${theirsMs.toFixed(1)} ms, ratio ${(oursMs / theirsMs).toFixed(3)}`);
}

/** 1 = hole: the official centre square (fineSize/4 + overlap 4 to 3 fineSize/4 - 4). */
function centreHole(): Tensor {
  const hole = new Float32Array(256 * 256);
  for (let y = 68; y < 188; y++) hole.fill(1, y * 256 + 68, y * 256 + 188);
  return tensor(hole, [1, 1, 256, 256]);
}
