/**
 * Server load: `--clients` concurrent clients post the same 256x256 image and mask to
 * `POST /api/v1/inpaint` (telea) for `--seconds`, against `inpaint serve` started in a child
 * process (so the clients do not share its event loop). Prints requests per second, latency
 * percentiles and failures, and as reference the same inpainting called in-process, one at a
 * time, in this run: `x in-process` is the server's throughput over that.
 *
 * `--cluster`: the same clients post `--jobs` image jobs (POST /api/v1/jobs, the events stream to
 * the end, the result) to two `inpaint serve --queue` on a redis-server of its own, run by 1, 2
 * and 4 `inpaint worker` processes in turn, then by 2 workers of which one is SIGKILLed once it
 * has started a job: every job must end done (zero failed, zero lost).
 *
 *   npm run build && node dist/bench/server-load.js [--clients 8] [--seconds 30] [--method telea]
 *   npm run build && node dist/bench/server-load.js --cluster [--clients 8] [--jobs 60]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { InvalidOptionError } from '../src/core/errors.js';
import type { Image, Mask } from '../src/core/image.js';
import { encodeImage } from '../src/io/write-image.js';
import { generateMasks } from '../src/masks/generate.js';
import { inpaintImage } from '../src/pipeline/inpaint-image.js';
import { freePort, startRedisServer } from './redis-server.js';

const size = 256;
const here = dirname(fileURLToPath(import.meta.url));

interface LoadResult {
  readonly latenciesMs: number[];
  readonly failures: Map<string, number>;
  readonly elapsedS: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '8' },
      seconds: { type: 'string', default: '30' },
      method: { type: 'string', default: 'telea' },
      cluster: { type: 'boolean', default: false },
      jobs: { type: 'string', default: '60' },
    },
  });
  const clients = positiveInteger('--clients', values.clients);
  const seconds = positiveInteger('--seconds', values.seconds);
  const { image, mask, imagePng, maskPng } = await makeInputs();

  const reference = await inProcessReference(image, mask, values.method, 3);
  if (values.cluster) {
    await benchCluster({ imagePng, maskPng, method: values.method, clients, jobs: positiveInteger('--jobs', values.jobs) }, reference);
    return;
  }
  const server = await startServer(clients);
  try {
    // One untimed request, so that the server's first-call compilation is not in the figures.
    await postOnce(server.url, imagePng, maskPng, values.method);
    const load = await runLoad(server.url, imagePng, maskPng, values.method, clients, seconds);
    report(load, reference, clients, values.method);
  } finally {
    server.process.kill('SIGINT');
  }
}

/** A smooth picture with edges, and a free-form hole of 10 to 20% (fixed seed). */
async function makeInputs(): Promise<{ image: Image; mask: Mask; imagePng: Blob; maskPng: Blob }> {
  const rgb = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 3;
      rgb[i] = (x * 3 + (y > 128 ? 60 : 0)) % 256;
      rgb[i + 1] = (y * 2 + ((x >> 4) & 1) * 40) % 256;
      rgb[i + 2] = (128 + Math.round(60 * Math.sin(x / 9) * Math.cos(y / 13))) % 256;
    }
  }
  const [mask] = generateMasks({ width: size, height: size, count: 1, ratio: [0.1, 0.2], seed: 5 });
  const gray = Uint8Array.from(mask.data, (v) => v * 255);
  return {
    image: { width: size, height: size, rgb },
    mask,
    imagePng: pngBlob(await sharp(rgb, { raw: { width: size, height: size, channels: 3 } }).png().toBuffer()),
    maskPng: pngBlob(await sharp(gray, { raw: { width: size, height: size, channels: 1 } }).toColourspace('b-w').png().toBuffer()),
  };
}

function pngBlob(bytes: Buffer): Blob {
  return new Blob([new Uint8Array(bytes)], { type: 'image/png' });
}

/** Requests per second of the same work done in this process, one call after another (decode excluded). */
async function inProcessReference(image: Image, mask: Mask, method: string, seconds: number): Promise<{ perSecond: number; medianMs: number }> {
  await encodeImage(await inpaintImage(image, mask, { method }), 'png');
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const start = performance.now();
    await encodeImage(await inpaintImage(image, mask, { method }), 'png');
    times.push(performance.now() - start);
  }
  return { perSecond: times.length / seconds, medianMs: percentile(times, 50) };
}

async function startServer(clients: number, extra: readonly string[] = []): Promise<{ url: string; process: ChildProcess }> {
  // Every client may wait in the queue: the limits are not what is measured here.
  const child = startCli(['serve', '--port', '0', '--max-queued', String(clients), ...extra]);
  const [, url] = await lineOf(child, /serving on (http:\/\/[^/\s]+)\//, 'inpaint serve');
  return { url, process: child };
}

function startCli(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [join(here, '..', 'src', 'cli', 'main.js'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Resolves with the first match of `pattern` in what `child` prints; rejects if it exits first. */
function lineOf(child: ChildProcess, pattern: RegExp, name: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = pattern.exec(out);
      if (match) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before printing ${pattern}`)));
  });
}

function postOnce(url: string, imagePng: Blob, maskPng: Blob, method: string): Promise<Response> {
  const body = new FormData();
  body.append('image', imagePng, 'image.png');
  body.append('mask', maskPng, 'mask.png');
  body.append('method', method);
  return fetch(`${url}/api/v1/inpaint`, { method: 'POST', body });
}

async function runLoad(url: string, imagePng: Blob, maskPng: Blob, method: string, clients: number, seconds: number): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const failures = new Map<string, number>();
  const fail = (reason: string): void => void failures.set(reason, (failures.get(reason) ?? 0) + 1);
  const started = performance.now();
  const end = started + seconds * 1000;
  const client = async (): Promise<void> => {
    while (performance.now() < end) {
      const start = performance.now();
      try {
        const response = await postOnce(url, imagePng, maskPng, method);
        const bytes = await response.arrayBuffer();
        if (response.status !== 200 || response.headers.get('content-type') !== 'image/png' || bytes.byteLength === 0) {
          fail(`HTTP ${response.status}`);
          continue;
        }
        latenciesMs.push(performance.now() - start);
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { latenciesMs, failures, elapsedS: (performance.now() - started) / 1000 };
}

function report(load: LoadResult, reference: { perSecond: number; medianMs: number }, clients: number, method: string): void {
  const ok = load.latenciesMs.length;
  const failed = [...load.failures.values()].reduce((a, b) => a + b, 0);
  const perSecond = ok / load.elapsedS;
  const rows = [
    ['case', 'requests', 'failed', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'x in-process'],
    [
      `${method} ${size}x${size}, ${clients} clients, ${load.elapsedS.toFixed(1)} s`,
      String(ok + failed),
      String(failed),
      perSecond.toFixed(1),
      ...[50, 95, 99, 100].map((p) => (ok ? percentile(load.latenciesMs, p).toFixed(1) : '-')),
      (perSecond / reference.perSecond).toFixed(2),
    ],
    [`in-process ${method}, one at a time (reference)`, '', '', reference.perSecond.toFixed(1), reference.medianMs.toFixed(1), '', '', '', '1.00'],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  for (const [reason, count] of load.failures) console.log(`failed ${count}x: ${reason}`);
}

interface ClusterLoad {
  readonly imagePng: Blob;
  readonly maskPng: Blob;
  readonly method: string;
  readonly clients: number;
  readonly jobs: number;
}

/** The cluster runs: 1, 2 and 4 workers, then 2 with one killed mid-run. */
async function benchCluster(load: ClusterLoad, reference: { perSecond: number; medianMs: number }): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'inpaint-bench-cluster-'));
  const port = await freePort();
  const children: ChildProcess[] = [await startRedisServer(port, folder, false)];
  try {
    const queue = ['--queue', `redis://127.0.0.1:${port}`, '--storage', join(folder, 'storage')];
    const servers = await Promise.all([startServer(load.jobs, queue), startServer(load.jobs, queue)]);
    children.push(...servers.map((s) => s.process));
    const urls = servers.map((s) => s.url);
    const rows: string[][] = [['case', 'jobs', 'failed', 'lost', 'jobs/s', 'p50 ms', 'p95 ms', 'max ms', 'x in-process']];
    const run = async (workers: number, kill: boolean): Promise<void> => {
      const started = await Promise.all(
        Array.from({ length: workers }, async () => {
          const child = startCli(['worker', ...queue, '--stall-timeout', '5']);
          children.push(child);
          await lineOf(child, /taking jobs/, 'inpaint worker');
          return child;
        }),
      );
      // One job first, untimed, so that no worker's first-call compilation is in the figures.
      await Promise.all(started.map(() => runJob(urls[0], load)));
      if (kill) void lineOf(started[0], /started \S+\n[\s\S]*started \S+/, 'inpaint worker').then(() => started[0].kill('SIGKILL'), () => undefined);
      const result = await runJobs(urls, load);
      const ok = result.latenciesMs.length;
      const perSecond = ok / result.elapsedS;
      rows.push([
        `${load.method} ${size}x${size}, ${workers} worker${workers > 1 ? 's' : ''}${kill ? ', one SIGKILLed mid-run' : ''}, ${load.clients} clients`,
        String(load.jobs),
        String(result.failed),
        String(load.jobs - ok - result.failed),
        perSecond.toFixed(1),
        ...[50, 95, 100].map((p) => (ok ? percentile(result.latenciesMs, p).toFixed(0) : '-')),
        (perSecond / reference.perSecond).toFixed(2),
      ]);
      for (const [reason, count] of result.reasons) console.log(`failed ${count}x: ${reason}`);
      await Promise.all(started.map((child) => stop(child)));
    };
    for (const workers of [1, 2, 4]) await run(workers, false);
    await run(2, true);
    rows.push([`in-process ${load.method}, one at a time (reference)`, '', '', '', reference.perSecond.toFixed(1), reference.medianMs.toFixed(0), '', '', '1.00']);
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  } finally {
    await Promise.all(children.map((child) => stop(child)));
    await rm(folder, { recursive: true, force: true });
  }
}

/** `--jobs` jobs by `--clients` clients, each posted to the next server; a job's latency runs from its post to its result read. */
async function runJobs(urls: readonly string[], load: ClusterLoad): Promise<{ latenciesMs: number[]; failed: number; reasons: Map<string, number>; elapsedS: number }> {
  const latenciesMs: number[] = [];
  const reasons = new Map<string, number>();
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const client = async (): Promise<void> => {
    while (next < load.jobs) {
      const n = next++;
      const start = performance.now();
      const outcome = await runJob(urls[n % urls.length], load).catch((error: Error) => `error: ${error.message}`);
      if (outcome === 'done') latenciesMs.push(performance.now() - start);
      else if (outcome !== 'lost') {
        failed++;
        reasons.set(outcome, (reasons.get(outcome) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: load.clients }, client));
  return { latenciesMs, failed, reasons, elapsedS: (performance.now() - started) / 1000 };
}

/** One job through the API: 'done' (its PNG read back), 'lost' (no end within 5 minutes) or why it failed. */
async function runJob(url: string, load: ClusterLoad): Promise<string> {
  const body = new FormData();
  body.append('image', load.imagePng, 'image.png');
  body.append('mask', load.maskPng, 'mask.png');
  body.append('method', load.method);
  const posted = await fetch(`${url}/api/v1/jobs`, { method: 'POST', body });
  if (posted.status !== 202) return `POST HTTP ${posted.status}`;
  const { id } = (await posted.json()) as { id: string };
  const events = await fetch(`${url}/api/v1/jobs/${id}/events`, { signal: AbortSignal.timeout(5 * 60 * 1000) });
  const text = await events.text().catch(() => '');
  const end = /event: (done|failed|cancelled)\n(?![\s\S]*event: )/.exec(text)?.[1];
  if (end === undefined) return 'lost';
  if (end !== 'done') return `ended ${end}`;
  const result = await fetch(`${url}/api/v1/jobs/${id}/result`);
  const bytes = await result.arrayBuffer();
  return result.status === 200 && bytes.byteLength > 0 ? 'done' : `result HTTP ${result.status}`;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function positiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new InvalidOptionError(flag, 'an integer >= 1', text);
  return value;
}

await main();
