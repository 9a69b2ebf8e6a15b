/**
 * Optical flow bench: our DIS against OpenCV's DIS (python3-opencv) on consecutive frames of the
 * benchmark clips, in the same run. Reports the median time per flow and the warping error (mean
 * absolute grey-level difference between a frame and the next one warped back by the flow) of
 * each, both errors computed here by the same code. See bench/README.md.
 *
 *   node dist/bench/flow.js [--pairs 8] [--data ../shared/data] [--python PATH]
 */
import { spawnSync } from 'node:child_process';
import { readFile, readdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { disFlow } from '../src/classical/flow/dis-flow.js';
import { createFlowField, sampleBilinear, type FlowField } from '../src/classical/flow/flow-field.js';
import { toGray, type GrayPlane } from '../src/classical/flow/gray-pyramid.js';
import { readImage } from '../src/io/read-image.js';

const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      pairs: { type: 'string', default: '8' },
      data: { type: 'string', default: '../shared/data' },
      python: { type: 'string', default: '/usr/bin/python3' },
    },
  });
  const perClip = Number(values.pairs);
  if (!Number.isInteger(perClip) || perClip < 1) throw new Error(`--pairs: expected an integer >= 1, got ${values.pairs}`);
  const work = await mkdtemp(join(tmpdir(), 'inpaint-flow-bench-'));
  try {
    const clipsDir = join(values.data, 'video');
    for (const clip of (await readdir(clipsDir)).sort()) {
      const framesDir = join(clipsDir, clip, 'frames');
      const files = (await readdir(framesDir)).filter((f) => f.endsWith('.png')).sort();
      const step = Math.max(1, Math.floor((files.length - 1) / perClip));
      const pairs: [string, string][] = [];
      for (let i = 0; i + 1 < files.length && pairs.length < perClip; i += step) {
        pairs.push([join(framesDir, files[i]), join(framesDir, files[i + 1])]);
      }
      const planes = await Promise.all(pairs.map(async ([a, b]) => [toGray(await readImage(a)), toGray(await readImage(b))] as const));

      const rows: { name: string; ms: number[]; errors: number[] }[] = [];
      const ours = { name: 'inpaint disFlow', ms: [] as number[], errors: [] as number[] };
      for (const [a, b] of planes) {
        disFlow(a, b); // warm-up: the first call compiles the hot loops
        const t = performance.now();
        const flow = disFlow(a, b);
        ours.ms.push(performance.now() - t);
        ours.errors.push(warpingError(a, b, flow));
      }
      rows.push(ours);
      for (const preset of ['fast', 'medium']) {
        const reference = await runOpenCv(values.python, pairs, planes, preset, work);
        if (reference) rows.push({ name: `cv2 DIS ${preset}`, ...reference });
      }
      const baseline = rows.find((r) => r.name === 'cv2 DIS medium');
      const { width, height } = planes[0][0];
      console.log(`\n${clip} (${width}x${height}, ${pairs.length} pairs, 1 thread each)`);
      console.log('flow                median ms   x cv2 medium   warping error (grey levels)');
      for (const row of rows) {
        const ms = median(row.ms);
        const ratio = baseline ? (ms / median(baseline.ms)).toFixed(2) : '-';
        console.log(`${row.name.padEnd(18)} ${ms.toFixed(1).padStart(9)}   ${ratio.padStart(12)}   ${mean(row.errors).toFixed(3)}`);
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** OpenCV's flows for the same pairs, timed in Python, scored here; undefined without OpenCV. */
async function runOpenCv(
  python: string,
  pairs: [string, string][],
  planes: readonly (readonly [GrayPlane, GrayPlane])[],
  preset: string,
  work: string,
): Promise<{ ms: number[]; errors: number[] } | undefined> {
  const list = join(work, 'pairs.txt');
  await writeFile(list, pairs.map((p) => p.join(' ')).join('\n'));
  const result = spawnSync(python, [join(here, '..', '..', 'bench', 'flow-reference.py'), list, work, preset], { encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(`OpenCV reference skipped (${python}): ${(result.stderr || result.error?.message || '').trim().split('\n').pop()}`);
    return undefined;
  }
  const { ms } = JSON.parse(result.stdout) as { ms: number[] };
  const errors: number[] = [];
  for (let k = 0; k < planes.length; k++) {
    const [a, b] = planes[k];
    const bytes = await readFile(join(work, `${String(k).padStart(3, '0')}.f32`));
    const data = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice();
    errors.push(warpingError(a, b, createFlowField(a.width, a.height, data)));
  }
  return { ms, errors };
}

/** Mean |from(x) - to(x + flow(x))| over the pixels whose target stays inside the frame. */
function warpingError(from: GrayPlane, to: GrayPlane, flow: FlowField): number {
  let sum = 0, n = 0;
  for (let y = 0; y < from.height; y++) {
    for (let x = 0; x < from.width; x++) {
      const i = y * from.width + x;
      const tx = x + flow.data[2 * i], ty = y + flow.data[2 * i + 1];
      if (tx < 0 || ty < 0 || tx > from.width - 1 || ty > from.height - 1) continue;
      sum += Math.abs(from.data[i] - sampleBilinear(to.data, to.width, to.height, tx, ty));
      n++;
    }
  }
  return sum / n;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;

await main();
