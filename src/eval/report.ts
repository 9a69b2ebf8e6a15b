import type { InpaintingScores } from '../metrics/score-inpainting.js';
import { evalBuckets, type EvalBucket } from './pairs.js';

/** The scores of one pair and the time the method took on it. */
export interface PairResult extends InpaintingScores {
  readonly key: string;
  readonly bucket: EvalBucket;
  /** Milliseconds spent in the inpainting call alone (no reading, scoring or writing). */
  readonly ms: number;
}

/** Means over a set of pairs. */
export interface EvalSummary extends InpaintingScores {
  readonly count: number;
  readonly msPerPair: number;
}

export interface BucketSummary extends EvalSummary {
  readonly bucket: EvalBucket;
}

export interface EvalReport {
  /** What was evaluated: the method id, or the caller's label. */
  readonly method: string;
  /** Buckets that have pairs, in the order of `evalBuckets`. */
  readonly buckets: readonly BucketSummary[];
  readonly overall: EvalSummary;
  readonly pairs: readonly PairResult[];
}

export function summarisePairs(method: string, pairs: readonly PairResult[]): EvalReport {
  const buckets = evalBuckets
    .map((bucket) => ({ bucket, members: pairs.filter((p) => p.bucket === bucket) }))
    .filter(({ members }) => members.length > 0)
    .map(({ bucket, members }) => ({ bucket, ...summarise(members) }));
  return { method, buckets, overall: summarise(pairs), pairs };
}

function summarise(pairs: readonly PairResult[]): EvalSummary {
  const mean = (pick: (p: PairResult) => number) => pairs.reduce((sum, p) => sum + pick(p), 0) / pairs.length;
  return {
    psnr: mean((p) => p.psnr),
    ssim: mean((p) => p.ssim),
    l1: mean((p) => p.l1),
    sharpness: mean((p) => p.sharpness),
    count: pairs.length,
    msPerPair: mean((p) => p.ms),
  };
}

/**
 * The report as a table, one row a bucket then `all`, in the reference scorer's row format (so
 * the two can be compared line by line) with the time per pair added before the count.
 */
export function formatEvalReport(report: EvalReport): string {
  const rows = [...report.buckets.map((b) => formatRow(b.bucket, b)), formatRow('all', report.overall)];
  return rows.join('\n');
}

function formatRow(label: string, s: EvalSummary): string {
  return (
    `${label.padStart(7)}: PSNR ${s.psnr.toFixed(2).padStart(6)}  SSIM ${s.ssim.toFixed(4)}  ` +
    `L1% ${s.l1.toFixed(2).padStart(5)}  sharp ${s.sharpness.toFixed(2)}  ` +
    `${s.msPerPair.toFixed(0).padStart(6)} ms/pair  n=${s.count}`
  );
}
