import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { throwIfCancelled } from '../core/errors.js';
import type { Image, Mask } from '../core/image.js';
import { writeImage } from '../io/write-image.js';
import { composite } from '../metrics/composite.js';
import { scoreInpainting } from '../metrics/score-inpainting.js';
import type { ProgressCallback } from '../registry/method.js';
import { listEvalPairs } from './pairs.js';
import { readEvalPair } from './read-eval-pair.js';
import { summarisePairs, type EvalReport, type PairResult } from './report.js';

/** Grey the hole is filled with, so that no method can see the original pixels. */
const HOLE_GREY = 128;

/** Fills the hole of `image` (mask: 1 = hole); what is evaluated. */
export type InpaintFunction = (image: Image, mask: Mask, context: { readonly signal?: AbortSignal }) => Promise<Image>;

export interface RunEvaluationOptions {
  /** The benchmark data folder: images/NAME.png, masks/B/NN.png. */
  readonly dataDir: string;
  /** Name shown in the report. */
  readonly method: string;
  readonly inpaint: InpaintFunction;
  /** When given, each scored (composited) output is written to `outDir/<key>.png`. */
  readonly outDir?: string;
  /** Called after each pair with the fraction done and the pair's key. */
  readonly onProgress?: ProgressCallback;
  readonly signal?: AbortSignal;
}

/**
 * The benchmark protocol around any inpainting function: for each pair, the ground truth with its
 * hole greyed goes in, the output is timed, composited onto the ground truth and scored.
 * Pairs run one after another so that each timing has the machine to itself.
 */
export async function runEvaluation(opts: RunEvaluationOptions): Promise<EvalReport> {
  const pairs = await listEvalPairs(opts.dataDir);
  if (opts.outDir) await mkdir(opts.outDir, { recursive: true });
  const results: PairResult[] = [];
  for (const pair of pairs) {
    throwIfCancelled(opts.signal);
    const { truth, mask } = await readEvalPair(pair);
    const input = withGreyHole(truth, mask);
    const start = performance.now();
    const output = await opts.inpaint(input, mask, { signal: opts.signal });
    const ms = performance.now() - start;
    throwIfCancelled(opts.signal);
    const result = composite(output, truth, mask);
    results.push({ key: pair.key, bucket: pair.bucket, ms, ...scoreInpainting(result, truth, mask) });
    if (opts.outDir) await writeImage(join(opts.outDir, `${pair.key}.png`), result);
    opts.onProgress?.(results.length / pairs.length, pair.key);
  }
  return summarisePairs(opts.method, results);
}

function withGreyHole(image: Image, mask: Mask): Image {
  const rgb = image.rgb.slice();
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i]) rgb.fill(HOLE_GREY, i * 3, i * 3 + 3);
  }
  return { width: image.width, height: image.height, rgb };
}
