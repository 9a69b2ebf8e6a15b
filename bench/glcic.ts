/**
 * GLCIC's speed against the official code's (run as its python3-torch transcription, and OpenCV
 * for the post-processing, as inpaint.lua calls it): the completion network at the official width
 * (64, random weights) on a 256x256 image with a centre 128x128 hole, batch 1, under no-grad; and
 * the official post-processing (Telea radius 1, then Poisson blending) on 256x256 bytes. Rounds
 * alternate between the sides; medians and ratios are printed.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/glcic.js [--runs 5] [--rounds 3] [--threads 2] [--python /usr/bin/python3]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createImage, createMask } from '../src/core/image.js';
import { CompletionNetwork } from '../src/models/glcic/completion-network.js';
import { blendIntoTelea } from '../src/models/glcic/postprocess.js';
import { manualSeed, noGrad, rand, setNumThreads, tensor, tidy } from '../src/torch/index.js';
import { median } from './torch-deepfill.js';

const SIZE = 256;
const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, rounds: { type: 'string', default: '3' }, threads: { type: 'string', default: '2' }, python: { type: 'string', default: '/usr/bin/python3' } } });
const runs = Number(values.runs), rounds = Number(values.rounds), threads = Number(values.threads);

function time(call: () => void): number[] {
  call();
  return Array.from({ length: runs }, () => {
    const start = performance.now();
    call();
    return performance.now() - start;
  });
}

setNumThreads(threads);
manualSeed(0);
const network = new CompletionNetwork().eval();
const pixels = rand([1, 3, SIZE, SIZE]);
const hole = new Float32Array(SIZE * SIZE);
for (let y = SIZE / 4; y < (3 * SIZE) / 4; y++) hole.fill(1, y * SIZE + SIZE / 4, y * SIZE + (3 * SIZE) / 4);
const mask = tensor(hole, [1, 1, SIZE, SIZE]);
const image = createImage(SIZE, SIZE, Uint8Array.from({ length: SIZE * SIZE * 3 }, () => Math.floor(Math.random() * 256)));
const holeMask = createMask(SIZE, SIZE, Uint8Array.from(hole));

const ours = { forward: [] as number[], postprocess: [] as number[] };
const python = { forward: [] as number[], postprocess: [] as number[] };
let note = '';
for (let round = 0; round < rounds; round++) {
  const result = spawnSync(values.python!, [join(here, '..', '..', 'bench', 'glcic-reference.py'), '--runs', String(runs), '--threads', String(threads)], { encoding: 'utf8' });
  if (result.status === 0) {
    const times = JSON.parse(result.stdout) as { forwardMs: number[]; postprocessMs: number[] };
    python.forward.push(...times.forwardMs);
    python.postprocess.push(...times.postprocessMs);
  } else {
    note = `no reference column: ${values.python} failed (${result.stderr.trim().split('\n').at(-1)})`;
  }
  ours.forward.push(...time(() => noGrad(() => tidy(() => void network.call(pixels, mask)))));
  ours.postprocess.push(...time(() => void blendIntoTelea(image, holeMask)));
}
for (const part of ['forward', 'postprocess'] as const) {
  const [a, b] = [median(ours[part]), python[part].length > 0 ? median(python[part]) : undefined];
  console.log(`glcic ${part} 256x256: ours ${a.toFixed(1)} ms, official (python3-torch / OpenCV) ${b === undefined ? '-' : `${b.toFixed(1)} ms, ratio ${(a / b).toFixed(2)}`}`);
}
if (note) console.log(note);
