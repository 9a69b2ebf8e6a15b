/**
 * StructureFlow inference at 256x256, ours against the official code, same run. Two rows:
 * - the structure image: ours (structure-image.ts, relative total variation with the native sparse
 *   Cholesky of src/native/grid_laplacian_solve.cc) against the authors' MATLAB tsmooth in GNU
 *   Octave (the official pipeline's pre-processing); `--structure-only` times this row alone;
 * - the networks: ours is `inpaintImage` with the `structureflow` method on the calling thread
 *   (structure image, both generators at the official size, the merge) minus our structure
 *   image's median, against bench/structureflow-reference.py (the official networks from a
 *   checkout, with a pure-torch stand-in for the CUDA Gaussian sampling).
 * Random weights, written as a release folder. Medians and ratios are printed.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/structureflow.js --official /tmp/structureflow [--runs 3 --python /usr/bin/python3 --structure-only]
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { createImage, createMask, type Image, type Mask } from '../src/core/image.js';
import { FlowGenerator } from '../src/models/structureflow/flow-generator.js';
import { StructureGenerator } from '../src/models/structureflow/structure-generator.js';
import { structureImage } from '../src/models/structureflow/structure-image.js';
import { inpaintImage } from '../src/pipeline/inpaint-image.js';
import { imageToTensor, manualSeed, maskToTensor, saveSafetensors, tensorToImage } from '../src/torch/index.js';
import { median } from './torch-deepfill.js';

const SIZE = 256;
const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    official: { type: 'string' },
    python: { type: 'string', default: '/usr/bin/python3' },
    runs: { type: 'string', default: '3' },
    'structure-only': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);

function reference(extra: readonly string[], files: Record<string, string>): number[] | string {
  if (!values.official) return 'no reference column: give --official DIR, a checkout of RenYurui/StructureFlow';
  const result = spawnSync(values.python!, [join(here, '..', '..', 'bench', 'structureflow-reference.py'), '--official', values.official,
    '--photo', files.photo, '--mask', files.mask, '--structure', files.structure, '--runs', String(runs), ...extra], { encoding: 'utf8' });
  if (result.status !== 0) return `no reference column: ${result.stderr.trim().split('\n').at(-1)}`;
  return (JSON.parse(result.stdout) as { timesMs: number[] }).timesMs;
}

function row(name: string, ours: number, theirs: number[] | string): string {
  const theirsMs = typeof theirs === 'string' ? undefined : median(theirs);
  return `| ${name} | ${ours.toFixed(0)} | ${theirsMs?.toFixed(0) ?? '-'} | ${theirsMs ? (ours / theirsMs).toFixed(2) : '-'} |`;
}

const folder = await mkdtemp(join(tmpdir(), 'bench-structureflow-'));
try {
  // A smooth photo-like image and the evaluation's centre square hole.
  const rgb = new Uint8Array(SIZE * SIZE * 3).map((_, i) => {
    const p = Math.floor(i / 3), x = p % SIZE, y = Math.floor(p / SIZE);
    return Math.round(127 + 100 * Math.sin(x / 17 + (i % 3)) * Math.cos(y / 23));
  });
  const hole = new Uint8Array(SIZE * SIZE).map((_, p) => (Math.abs((p % SIZE) - SIZE / 2) < SIZE / 4 && Math.abs(Math.floor(p / SIZE) - SIZE / 2) < SIZE / 4 ? 1 : 0));
  const image = createImage(SIZE, SIZE, rgb), holeMask = createMask(SIZE, SIZE, hole);
  const files = { photo: join(folder, 'photo.png'), mask: join(folder, 'mask.png'), structure: join(folder, 'structure.png') };
  await sharp(Buffer.from(rgb), { raw: { width: SIZE, height: SIZE, channels: 3 } }).png().toFile(files.photo);
  await sharp(Buffer.from(hole.map((h) => h * 255)), { raw: { width: SIZE, height: SIZE, channels: 1 } }).png().toFile(files.mask);

  const structureMs: number[] = [];
  let structure = structureImage(imageToTensor(image, { signed: true }), maskToTensor(holeMask));
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    structure = structureImage(imageToTensor(image, { signed: true }), maskToTensor(holeMask));
    structureMs.push(performance.now() - start);
  }
  const smooth = tensorToImage(structure, { signed: true });
  await sharp(Buffer.from(smooth.rgb), { raw: { width: SIZE, height: SIZE, channels: 3 } }).png().toFile(files.structure);

  const oursStructure = median(structureMs);
  const octave = reference(['--octave'], files);
  console.log('| 256x256, centre hole | ours ms | official ms | ours / official |');
  console.log('|---|---|---|---|');
  console.log(row('structure image (ours: native sparse Cholesky; official: tsmooth in GNU Octave)', oursStructure, octave));
  if (typeof octave === 'string') console.log(octave);
  if (!values['structure-only']) await benchNetworks(folder, image, holeMask, files, oursStructure);
} finally {
  await rm(folder, { recursive: true, force: true });
}

/** The networks row: our whole fill minus our structure image, against the official networks. */
async function benchNetworks(
  folder: string, image: Image, holeMask: Mask, files: Record<string, string>, oursStructure: number,
): Promise<void> {
  manualSeed(0);
  const release = join(folder, 'release');
  await mkdir(release);
  await saveSafetensors(join(release, 'latest_net_s_gen.pth'), new StructureGenerator().stateDict());
  await saveSafetensors(join(release, 'latest_net_f_gen.pth'), new FlowGenerator().stateDict());
  const fill = () => inpaintImage(image, holeMask, { method: 'structureflow', options: { weights: release } });
  await fill(); // warm-up: loads the weights, picks oneDNN's kernels
  const fillMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await fill();
    fillMs.push(performance.now() - start);
  }
  const python = reference([], files);
  console.log(row('networks and merge (official: python3-torch, pure-torch sampling)', median(fillMs) - oursStructure, python));
  if (typeof python === 'string') console.log(python);
}
