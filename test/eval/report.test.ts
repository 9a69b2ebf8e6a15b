import { describe, expect, it } from 'vitest';
import { formatEvalReport, summarisePairs, type PairResult } from '../../src/eval/report.js';

const pair = (key: string, bucket: PairResult['bucket'], psnr: number, ms: number): PairResult => ({
  key,
  bucket,
  psnr,
  ssim: 0.5,
  l1: 4,
  sharpness: 0.25,
  ms,
});

describe('summarisePairs', () => {
  const report = summarisePairs('telea', [
    pair('a__center', 'center', 20, 10),
    pair('a__10-20', '10-20', 30, 30),
    pair('b__10-20', '10-20', 40, 50),
  ]);

  it('buckets in protocol order, only those with pairs', () => {
    expect(report.buckets.map((b) => b.bucket)).toEqual(['10-20', 'center']);
  });

  it('means per bucket and overall, with counts and ms per pair', () => {
    expect(report.buckets[0]).toMatchObject({ psnr: 35, count: 2, msPerPair: 40 });
    expect(report.overall).toMatchObject({ psnr: 30, ssim: 0.5, l1: 4, sharpness: 0.25, count: 3, msPerPair: 30 });
  });
});

describe('formatEvalReport', () => {
  const report = summarisePairs('telea', [pair('a__center', 'center', 21.894, 15.4), pair('a__10-20', '10-20', 25.5, 14.6)]);
  const lines = formatEvalReport(report).split('\n');

  it('one row per bucket then all', () => {
    expect(lines.map((l) => l.split(':')[0].trim())).toEqual(['10-20', 'center', 'all']);
  });

  it("rows read as evaluate.py's, with ms/pair before the count", () => {
    expect(lines[1]).toBe(' center: PSNR  21.89  SSIM 0.5000  L1%  4.00  sharp 0.25      15 ms/pair  n=1');
    expect(lines[2]).toBe('    all: PSNR  23.70  SSIM 0.5000  L1%  4.00  sharp 0.25      15 ms/pair  n=2');
  });
});
