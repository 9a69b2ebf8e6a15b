/**
 * Image bench: time per image of every registered method against OpenCV's Telea and xphoto's
 * FSR_FAST measured in the same run, at 256x256, 512x512 and on one 2048x2048 photo (with peak
 * memory there). See bench/README.md.
 *
 *   node dist/bench/image.js [--pairs 12] [--pairs-512 6] [--data ../shared/data] [--python PATH]
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { InvalidOptionError } from '../src/core/errors.js';
import { inpaintImage } from '../src/pipeline/inpaint-image.js';
import { methods } from '../src/methods.js';
import { largeCase, protocolCase, type BenchCase, type BenchPair } from './bench-cases.js';

/** One line of the report. */
interface Row {
  readonly method: string;
  readonly size: string;
  readonly pairs: number;
  readonly medianMs?: number;
  /** Peak resident memory (MB) of the process that ran the method, and its peak before the call. */
  readonly memory?: { readonly beforeMB: number; readonly peakMB: number };
  readonly error?: string;
}

const TELEA_REFERENCE = 'cv2 Telea r=3';
const FSR_REFERENCE = 'cv2 FSR_FAST';
const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      pairs: { type: 'string', default: '12' },
      'pairs-512': { type: 'string', default: '6' },
      data: { type: 'string', default: '../shared/data' },
      python: { type: 'string' },
    },
  });
  const pairs256 = pairCount('--pairs', values.pairs);
  const pairs512 = pairCount('--pairs-512', values['pairs-512']);
  const python = findPython(values.python);
  const started = performance.now();
  const workDir = await mkdtemp(join(tmpdir(), 'inpaint-bench-'));
  try {
    const cases = [
      await protocolCase(values.data, workDir, 256, pairs256),
      await protocolCase(values.data, workDir, 512, pairs512),
      await largeCase(values.data, workDir),
    ];
    const rows: Row[] = [];
    const warmed = new Set<string>();
    for (const benchCase of cases) {
      const large = benchCase === cases[2];
      if (python.found) {
        rows.push(await runOpenCv(python.path, 'telea', TELEA_REFERENCE, benchCase, workDir, !large));
        if (python.xphoto) rows.push(await runOpenCv(python.path, 'fsr_fast', FSR_REFERENCE, benchCase, workDir, false));
      }
      for (const method of methods) {
        progress(`${benchCase.size}: ${method.id}`);
        if (large) {
          rows.push(await runInChild(method.id, benchCase, workDir));
        } else {
          // The first call compiles the hot loops: keep it out of the timings.
          if (!warmed.has(method.id)) await inpaintImage(benchCase.pairs[0].image, benchCase.pairs[0].mask, { method: method.id }).catch(() => {});
          warmed.add(method.id);
          rows.push(await runInProcess(method.id, benchCase));
        }
      }
    }
    console.log(report(cases, rows, python));
    console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function pairCount(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 144) throw new InvalidOptionError(flag, 'an integer from 1 to 144', text);
  return n;
}

interface PythonInfo {
  readonly found: boolean;
  readonly path: string;
  readonly xphoto: boolean;
  readonly note: string;
}

/** The first Python with OpenCV among the one asked for, /usr/bin/python3 and python3. */
function findPython(asked: string | undefined): PythonInfo {
  for (const path of asked ? [asked] : ['/usr/bin/python3', 'python3']) {
    const check = spawnSync(path, ['-c', 'import cv2; print(cv2.__version__, hasattr(cv2, "xphoto"))'], { encoding: 'utf8' });
    if (check.status !== 0) continue;
    const [version, xphoto] = check.stdout.trim().split(' ');
    const note = `OpenCV ${version} through ${path}${xphoto === 'True' ? '' : ' (no xphoto: FSR_FAST skipped)'}`;
    return { found: true, path, xphoto: xphoto === 'True', note };
  }
  return { found: false, path: '', xphoto: false, note: 'no Python with OpenCV found: ratios left out' };
}

async function runInProcess(methodId: string, benchCase: BenchCase): Promise<Row> {
  const base = { method: methodId, size: benchCase.size, pairs: benchCase.pairs.length };
  const ms: number[] = [];
  try {
    for (const pair of benchCase.pairs) {
      const start = performance.now();
      await inpaintImage(pair.image, pair.mask, { method: methodId });
      ms.push(performance.now() - start);
    }
  } catch (error) {
    return { ...base, error: describeError(error) };
  }
  return { ...base, medianMs: median(ms) };
}

/** Runs a method on the case's one pair in a fresh Node process, for its own peak memory. */
async function runInChild(methodId: string, benchCase: BenchCase, workDir: string): Promise<Row> {
  const base = { method: methodId, size: benchCase.size, pairs: 1 };
  const pair = benchCase.pairs[0];
  const rgbPath = join(workDir, `${pair.key}.rgb`);
  const maskPath = join(workDir, `${pair.key}.hole`);
  if (!existsSync(rgbPath)) {
    await writeFile(rgbPath, pair.image.rgb);
    await writeFile(maskPath, pair.mask.data);
  }
  const args = [join(here, 'measure-in-child.js'), methodId, String(pair.image.width), String(pair.image.height), rgbPath, maskPath];
  return parseChild(base, spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 }));
}

/** Runs the Python helper on a case; each call is its own process, so the peak is per method. */
async function runOpenCv(python: string, method: string, label: string, benchCase: BenchCase, workDir: string, warmup: boolean): Promise<Row> {
  progress(`${benchCase.size}: ${label}`);
  const listPath = join(workDir, `${benchCase.size}.list`);
  await writeFile(listPath, benchCase.pairs.map((p: BenchPair) => `${p.imagePath}\t${p.maskPath}\n`).join(''));
  const args = [join(helperDir(), 'opencv-reference.py'), method, listPath, ...(warmup ? ['--warmup'] : [])];
  const base = { method: label, size: benchCase.size, pairs: benchCase.pairs.length };
  return parseChild(base, spawnSync(python, args, { encoding: 'utf8', maxBuffer: 1 << 20 }));
}

function parseChild(base: Row, result: SpawnSyncReturns<string>): Row {
  if (result.status !== 0) {
    const stderr = String(result.stderr ?? '').trim().split('\n').pop();
    return { ...base, error: stderr || `exit ${result.status ?? result.signal}` };
  }
  const out = JSON.parse(String(result.stdout)) as { ms: number | number[]; rssBeforeMB: number; peakRssMB: number };
  const ms = Array.isArray(out.ms) ? out.ms : [out.ms];
  return { ...base, medianMs: median(ms), memory: { beforeMB: out.rssBeforeMB, peakMB: out.peakRssMB } };
}

/** The Python helper sits in bench/ beside this file's source, also when this runs from dist/bench/. */
function helperDir(): string {
  return existsSync(join(here, 'opencv-reference.py')) ? here : join(here, '..', '..', 'bench');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function report(cases: readonly BenchCase[], rows: readonly Row[], python: PythonInfo): string {
  const lines = ['Image bench (median ms per image; ratios against OpenCV measured in this run)', python.note];
  for (const c of cases) lines.push(`  ${c.size}: ${c.description}`);
  lines.push(
    '  2048x2048 runs once per method, each in its own process: time of that one (cold) call, peak RSS of the',
    '  whole process (MB; in brackets its peak before the call: runtime and decoded input).',
    '',
  );
  const header = ['method', 'size', 'pairs', 'median ms', 'x cv2 Telea', 'x FSR_FAST', 'peak RSS MB'];
  const table = rows.map((row) => {
    const reference = (label: string) => rows.find((r) => r.size === row.size && r.method === label)?.medianMs;
    const ratio = (label: string) => {
      const ref = reference(label);
      return row.medianMs !== undefined && ref ? (row.medianMs / ref).toFixed(ref > row.medianMs * 10 ? 3 : 2) : '-';
    };
    if (row.error) return [row.method, row.size, String(row.pairs), `failed: ${row.error}`, '', '', ''];
    return [
      row.method,
      row.size,
      String(row.pairs),
      row.medianMs!.toFixed(row.medianMs! < 100 ? 1 : 0),
      ratio(TELEA_REFERENCE),
      ratio(FSR_REFERENCE),
      row.memory ? `${row.memory.peakMB.toFixed(0)} (${row.memory.beforeMB.toFixed(0)})` : '',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => (i === 3 && r[3].startsWith('failed') ? 0 : r[i].length))));
  const format = (cells: readonly string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  lines.push(format(header), format(widths.map((w) => '-'.repeat(w))));
  for (const cells of table) lines.push(cells[3].startsWith('failed') ? `${format(cells.slice(0, 3))}  ${cells[3]}` : format(cells));
  return lines.join('\n');
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

await main();
