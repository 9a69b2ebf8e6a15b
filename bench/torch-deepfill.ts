/**
 * The DeepFill v2 part of bench/torch.ts: the generator (official width, cnum 48, random weights)
 * on 256x256 inputs with a centre-square hole, batch 1 and 4, in our engine and in python3-torch
 * running the reference port (nipponjo/deepfillv2-pytorch, networks_tf.py; a checkout given by
 * --port). Cases: forward under no-grad; forward + backward of the L1 loss of both stages + one
 * Adam step (lr 1e-4). Rounds alternate between the sides; medians and ratios are printed.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeepFillGenerator } from '../src/models/deepfill/generator.js';
import { networkInput } from '../src/models/deepfill/inpaint.js';
import { reconstructionLoss } from '../src/models/deepfill/losses.js';
import { Adam, manualSeed, noGrad, rand, tensor, tidy, type Tensor } from '../src/torch/index.js';

const SIZE = 256;
const here = dirname(fileURLToPath(import.meta.url));

export type DeepFillMode = 'forward' | 'train-step';

export interface DeepFillBenchOptions {
  readonly python: string;
  readonly port: string | undefined;
  readonly runs: number;
  readonly rounds: number;
  readonly threads: number;
  readonly batches: readonly number[];
}

export interface DeepFillRow {
  readonly batch: number;
  readonly mode: DeepFillMode;
  readonly oursMs: number;
  readonly pythonMs: number | undefined;
  readonly note: string;
}

export async function benchDeepFill(options: DeepFillBenchOptions): Promise<DeepFillRow[]> {
  const rows: DeepFillRow[] = [];
  for (const batch of options.batches) {
    manualSeed(0);
    const generator = new DeepFillGenerator({ cnum: 48 });
    const optimizer = new Adam(generator.parameters(), { lr: 1e-4, betas: [0.5, 0.999] });
    const real = rand([batch, 3, SIZE, SIZE]).mul(2).sub(1);
    const hole = centreSquare();
    const x = networkInput(real, hole);
    const calls: Record<DeepFillMode, () => void> = {
      forward: () => noGrad(() => tidy(() => void generator.call(x, hole))),
      'train-step': () => tidy(() => {
        optimizer.zeroGrad();
        const { coarse, refined } = generator.call(x, hole);
        reconstructionLoss(real, coarse, refined).backward();
        optimizer.step();
      }),
    };
    for (const mode of ['forward', 'train-step'] as const) {
      const ours: number[] = [];
      const python: number[] = [];
      let note = '';
      for (let round = 0; round < options.rounds; round++) {
        const reference = runPythonDeepFill(options, mode, batch);
        if ('error' in reference) note = reference.error;
        else python.push(...reference.timesMs);
        ours.push(...time(options.runs, calls[mode]));
      }
      rows.push({ batch, mode, oursMs: median(ours), pythonMs: python.length > 0 ? median(python) : undefined, note });
    }
    generator.dispose();
    for (const t of [real, hole, x]) t.dispose();
  }
  return rows;
}

/** 1x1x256x256, the centre 128x128 square = 1 (the evaluation's centre hole). */
function centreSquare(): Tensor {
  const values = new Float32Array(SIZE * SIZE);
  for (let y = SIZE / 4; y < (3 * SIZE) / 4; y++) values.fill(1, y * SIZE + SIZE / 4, y * SIZE + (3 * SIZE) / 4);
  return tensor(values, [1, 1, SIZE, SIZE]);
}

/** runs timed calls after one untimed warm-up (the first call picks oneDNN's kernels). */
function time(runs: number, call: () => void): number[] {
  call();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    call();
    times.push(performance.now() - start);
  }
  return times;
}

function runPythonDeepFill(options: DeepFillBenchOptions, mode: DeepFillMode, batch: number):
  { timesMs: number[] } | { error: string } {
  if (!options.port) return { error: 'no reference column: give --port DIR, a checkout of nipponjo/deepfillv2-pytorch' };
  const script = join(here, '..', '..', 'bench', 'torch-reference.py');
  const result = spawnSync(options.python, [script, '--model', 'deepfill', '--port', options.port, '--mode', mode,
    '--runs', String(options.runs), '--batch', String(batch), '--size', String(SIZE), '--threads', String(options.threads)],
  { encoding: 'utf8' });
  if (result.status !== 0) {
    const reason = result.error?.message ?? result.stderr.trim().split('\n').at(-1);
    return { error: `no reference column: ${options.python} failed (${reason})` };
  }
  return JSON.parse(result.stdout) as { timesMs: number[] };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
