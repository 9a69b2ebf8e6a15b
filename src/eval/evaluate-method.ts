import type { ProgressCallback } from '../registry/method.js';
import { getMethod } from '../methods.js';
import { parseOptions } from '../registry/parse-options.js';
import { inpaintImage } from '../pipeline/inpaint-image.js';
import type { EvalReport } from './report.js';
import { runEvaluation } from './run-evaluation.js';

export interface EvaluateMethodOptions {
  /** The benchmark data folder: images/NAME.png, masks/B/NN.png. */
  readonly dataDir: string;
  /** Registered method id. */
  readonly method: string;
  /** The method's options; validated against its schema, defaults filled in. */
  readonly options?: Record<string, unknown>;
  /** When given, each scored output is written to `outDir/<key>.png`. */
  readonly outDir?: string;
  /** Called after each pair with the fraction done and the pair's key. */
  readonly onProgress?: ProgressCallback;
  readonly signal?: AbortSignal;
}

/** Runs a registered method through the benchmark protocol (144 pairs on the standard data). */
export async function evaluateMethod(opts: EvaluateMethodOptions): Promise<EvalReport> {
  // A misspelt method or option fails now, not after the first image is read.
  parseOptions(getMethod(opts.method), opts.options);
  const { method, options } = opts;
  return runEvaluation({
    dataDir: opts.dataDir,
    method,
    outDir: opts.outDir,
    onProgress: opts.onProgress,
    signal: opts.signal,
    inpaint: (image, mask, { signal }) => inpaintImage(image, mask, { method, options, signal }),
  });
}
