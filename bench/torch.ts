/**
 * Torch bench: the 3x3 64-to-64 convolution on 1x64x128x128 (padding 1, with bias) through our
 * libtorch addon against python3-torch measured in the same run: forward under no-grad (sync and
 * async), and forward + backward (input, weight and bias gradients).
 * Both sides use the same intra-op thread count, each count of --threads in turn; rounds alternate
 * between the sides so that load on the shared machine hits both alike. See bench/README.md.
 *
 * Then the DeepFill v2 generator at 256x256 (bench/torch-deepfill.ts) against the reference port.
 *
 *   npm run build && node dist/bench/torch.js [--runs 20] [--rounds 2] [--threads 1,2] [--python /usr/bin/python3]
 *     [--only conv|deepfill] [--port DIR] [--deepfill-runs 3] [--deepfill-rounds 2] [--deepfill-threads 2] [--batches 1,4]
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { InvalidOptionError } from '../src/core/errors.js';
import { benchDeepFill } from './torch-deepfill.js';
import { F, getNumThreads, loadNative, manualSeed, noGrad, randn, setNumThreads, tidy, type Tensor } from '../src/torch/index.js';

const BATCH = 1;
const CHANNELS = 64;
const SIZE = 128;
/** Multiply-adds times two, per forward pass; a backward pass costs two more (input, weight). */
const FLOPS = 2 * BATCH * CHANNELS * CHANNELS * 9 * SIZE * SIZE;

type Mode = 'forward' | 'backward';
const here = dirname(fileURLToPath(import.meta.url));

interface Side {
  readonly name: string;
  readonly mode: Mode;
  readonly times: number[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '20' },
      rounds: { type: 'string', default: '2' },
      threads: { type: 'string', default: '1,2' },
      python: { type: 'string', default: '/usr/bin/python3' },
      only: { type: 'string' },
      port: { type: 'string', default: process.env.DEEPFILL_PORT },
      'deepfill-runs': { type: 'string', default: '3' },
      'deepfill-rounds': { type: 'string', default: '2' },
      'deepfill-threads': { type: 'string', default: String(availableParallelism()) },
      batches: { type: 'string', default: '1,4' },
    },
  });
  if (values.only !== undefined && values.only !== 'conv' && values.only !== 'deepfill') {
    throw new InvalidOptionError('--only', 'conv or deepfill', values.only);
  }
  if (values.only !== 'deepfill') await benchConv(values);
  if (values.only !== 'conv') {
    const threads = positiveInteger('--deepfill-threads', values['deepfill-threads']);
    setNumThreads(threads);
    const runs = positiveInteger('--deepfill-runs', values['deepfill-runs']);
    const rounds = positiveInteger('--deepfill-rounds', values['deepfill-rounds']);
    console.log(`\nDeepFill v2 generator (cnum 48, random weights) on Bx5x256x256, centre 128x128 hole, ${threads} threads a side; ` +
      `median of ${rounds} x ${runs} runs a side; load average ${loadavg()[0].toFixed(2)}`);
    const rows = await benchDeepFill({
      python: values.python, port: values.port, runs, rounds, threads,
      batches: values.batches.split(',').map((text) => positiveInteger('--batches', text)),
    });
    console.log(['batch'.padEnd(6), 'case'.padEnd(34), 'ours ms'.padStart(10), 'python ms'.padStart(10), 'x python'.padStart(9)].join(' '));
    for (const row of rows) {
      if (row.note) console.log(row.note);
      const name = row.mode === 'forward' ? 'forward (no grad)' : 'forward+backward+Adam step';
      console.log([String(row.batch).padEnd(6), name.padEnd(34), row.oursMs.toFixed(1).padStart(10),
        (row.pythonMs?.toFixed(1) ?? '-').padStart(10),
        (row.pythonMs === undefined ? '' : (row.oursMs / row.pythonMs).toFixed(3)).padStart(9)].join(' '));
    }
    console.log(`load average after: ${loadavg()[0].toFixed(2)}`);
  }
}

async function benchConv(values: { runs: string; rounds: string; threads: string; python: string }): Promise<void> {
  const runs = positiveInteger('--runs', values.runs);
  const rounds = positiveInteger('--rounds', values.rounds);
  loadNative();
  const threadCounts = values.threads
    ? values.threads.split(',').map((text) => positiveInteger('--threads', text))
    : [getNumThreads()];
  manualSeed(0);
  const x = randn([BATCH, CHANNELS, SIZE, SIZE]);
  const w = randn([CHANNELS, CHANNELS, 3, 3]);
  const b = randn([CHANNELS]);

  console.log(`conv2d 3x3 ${CHANNELS}->${CHANNELS} on ${BATCH}x${CHANNELS}x${SIZE}x${SIZE}, padding 1, bias: ` +
    `${(FLOPS / 1e9).toFixed(3)} GFLOP forward, 3x that forward+backward; median of ${rounds} x ${runs} runs a side; ` +
    `load average ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores (others' load skews both sides)`);
  console.log(['threads'.padEnd(8), 'case'.padEnd(40), 'median ms'.padStart(10), 'GFLOP/s'.padStart(9),
    'x python'.padStart(9)].join(' '));
  const forward = () => noGrad(() => F.conv2d(x, w, b, { padding: 1 }));
  const forwardAsync = () => noGrad(() => F.conv2dAsync(x, w, b, { padding: 1 }));
  const backward = (): Tensor => {
    for (const t of [x, w, b]) t.clearGrad();
    const loss = tidy(() => F.conv2d(x, w, b, { padding: 1 }).sum());
    loss.backward();
    return loss;
  };
  for (const threads of threadCounts) {
    setNumThreads(threads);
    for (const mode of ['forward', 'backward'] as const) {
      for (const t of [x, w, b]) t.requiresGrad = mode === 'backward';
      const python: Side = { name: `python3-torch ${mode === 'forward' ? 'forward' : 'forward+backward'}`, mode, times: [] };
      const ours: Side[] = mode === 'forward'
        ? [{ name: 'ours F.conv2d forward', mode, times: [] }, { name: 'ours F.conv2dAsync forward', mode, times: [] }]
        : [{ name: 'ours forward+backward', mode, times: [] }];
      let pythonNote = '';
      for (let round = 0; round < rounds; round++) {
        const reference = runPython(values.python, mode, runs, threads);
        if ('error' in reference) pythonNote = reference.error;
        else python.times.push(...reference.timesMs);
        ours[0].times.push(...(await time(runs, mode === 'forward' ? forward : backward)));
        if (mode === 'forward') ours[1].times.push(...(await time(runs, forwardAsync)));
      }
      if (pythonNote) console.log(pythonNote);
      const referenceMs = python.times.length > 0 ? median(python.times) : undefined;
      for (const side of [python, ...ours]) {
        if (side.times.length === 0) continue;
        const ms = median(side.times);
        const flops = side.mode === 'forward' ? FLOPS : 3 * FLOPS;
        const ratio = referenceMs === undefined ? '' : (ms / referenceMs).toFixed(3);
        console.log([String(threads).padEnd(8), side.name.padEnd(40), ms.toFixed(2).padStart(10),
          (flops / ms / 1e6).toFixed(1).padStart(9), ratio.padStart(9)].join(' '));
      }
    }
  }
  [x, w, b].forEach((t) => t.dispose());
}

/** Times runs calls after one untimed warm-up call (the first picks oneDNN's kernel); each
 * call's returned tensor is disposed outside the timing. */
async function time(runs: number, call: () => Tensor | Promise<Tensor>): Promise<number[]> {
  (await call()).dispose();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = await call();
    times.push(performance.now() - start);
    result.dispose();
  }
  return times;
}

function runPython(python: string, mode: Mode, runs: number, threads: number):
  { torch: string; threads: number; timesMs: number[] } | { error: string } {
  const script = join(here, '..', '..', 'bench', 'torch-reference.py');
  const result = spawnSync(python, [script, '--mode', mode, '--runs', String(runs), '--batch', String(BATCH),
    '--channels', String(CHANNELS), '--size', String(SIZE), '--threads', String(threads)], { encoding: 'utf8' });
  if (result.status !== 0) {
    const reason = result.error?.message ?? result.stderr.trim().split('\n').at(-1);
    return { error: `no reference column: ${python} failed (${reason})` };
  }
  return JSON.parse(result.stdout) as { torch: string; threads: number; timesMs: number[] };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function positiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidOptionError(flag, 'a positive integer', text);
  return value;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
