/**
 * EdgeConnect inference at 256x256, ours against the official code in python3-torch, same run:
 * ours is `inpaintImage` with the `edgeconnect` method (grey image, Canny, both generators with
 * the official 8 residual blocks, the merge) on the calling thread; the reference is
 * bench/edgeconnect-reference.py (the official networks from a checkout, skimage's Canny). Random
 * weights, written as a release folder. Rounds alternate between the sides; medians and the ratio
 * are printed.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/edgeconnect.js --official /tmp/ecrepo [--runs 3 --rounds 3 --python /usr/bin/python3]
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { createImage, createMask } from '../src/core/image.js';
import { EdgeConnectEdgeGenerator, EdgeConnectInpaintGenerator } from '../src/models/edgeconnect/generator.js';
import { inpaintImage } from '../src/pipeline/inpaint-image.js';
import { manualSeed, saveSafetensors } from '../src/torch/index.js';
import { median } from './torch-deepfill.js';

const SIZE = 256;
const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    official: { type: 'string' },
    python: { type: 'string', default: '/usr/bin/python3' },
    runs: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
  },
});
const runs = Number(values.runs), rounds = Number(values.rounds);

const folder = await mkdtemp(join(tmpdir(), 'bench-edgeconnect-'));
try {
  // A smooth photo-like image and the evaluation's centre square hole.
  const rgb = new Uint8Array(SIZE * SIZE * 3).map((_, i) => {
    const p = Math.floor(i / 3), x = p % SIZE, y = Math.floor(p / SIZE);
    return Math.round(127 + 100 * Math.sin(x / 17 + (i % 3)) * Math.cos(y / 23));
  });
  const hole = new Uint8Array(SIZE * SIZE).map((_, p) => (Math.abs((p % SIZE) - SIZE / 2) < SIZE / 4 && Math.abs(Math.floor(p / SIZE) - SIZE / 2) < SIZE / 4 ? 1 : 0));
  const photo = join(folder, 'photo.png'), mask = join(folder, 'mask.png');
  await sharp(Buffer.from(rgb), { raw: { width: SIZE, height: SIZE, channels: 3 } }).png().toFile(photo);
  await sharp(Buffer.from(hole.map((h) => h * 255)), { raw: { width: SIZE, height: SIZE, channels: 1 } }).png().toFile(mask);

  manualSeed(0);
  const release = join(folder, 'release');
  await mkdir(release);
  await saveSafetensors(join(release, 'EdgeModel_gen.pth'), new EdgeConnectEdgeGenerator().stateDict());
  await saveSafetensors(join(release, 'InpaintingModel_gen.pth'), new EdgeConnectInpaintGenerator().stateDict());

  const image = createImage(SIZE, SIZE, rgb), holeMask = createMask(SIZE, SIZE, hole);
  const fill = () => inpaintImage(image, holeMask, { method: 'edgeconnect', options: { weights: release } });
  await fill(); // warm-up: loads the weights, picks oneDNN's kernels
  const ours: number[] = [], python: number[] = [];
  let note = '';
  for (let round = 0; round < rounds; round++) {
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      await fill();
      ours.push(performance.now() - start);
    }
    if (!values.official) {
      note = 'no reference column: give --official DIR, a checkout of knazeri/edge-connect';
      continue;
    }
    const result = spawnSync(values.python!, [join(here, '..', '..', 'bench', 'edgeconnect-reference.py'), '--official', values.official,
      '--photo', photo, '--mask', mask, '--runs', String(runs)], { encoding: 'utf8' });
    if (result.status !== 0) note = `no reference column: ${result.stderr.trim().split('\n').at(-1)}`;
    else python.push(...(JSON.parse(result.stdout) as { timesMs: number[] }).timesMs);
  }
  const oursMs = median(ours);
  const pythonMs = python.length > 0 ? median(python) : undefined;
  console.log('| 256x256, centre hole | ours ms | official (python3-torch) ms | ours / official |');
  console.log('|---|---|---|---|');
  console.log(`| edges then inpaint | ${oursMs.toFixed(0)} | ${pythonMs?.toFixed(0) ?? '-'} | ${pythonMs ? (oursMs / pythonMs).toFixed(2) : '-'} |`);
  if (note) console.log(note);
} finally {
  await rm(folder, { recursive: true, force: true });
}
