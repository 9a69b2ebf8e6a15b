import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { holeCount } from '../../../src/core/image.js';
import { ClipScorer } from '../../../src/eval/video/clip-scorer.js';
import { readBenchmarkMask } from '../../../src/eval/video/read-benchmark-mask.js';
import { listVideoClips } from '../../../src/eval/video/video-clips.js';
import { readImage } from '../../../src/io/read-image.js';
import { TemporalStability } from '../../../src/metrics/temporal-stability.js';

// Expected values come from evaluate_video.py itself (see test/fixtures/eval/video/README.md).
const fixtureDir = fileURLToPath(new URL('../../fixtures/eval/video/', import.meta.url));

interface Expected {
  clip: string;
  scores: { psnr: number; ssim: number; stability: number; frames: number };
  perFrame: { psnr: number; ssim: number; holePixels: number }[];
  pairs: { unionPixels: number; outputChange: number | null; truthChange: number | null }[];
}

const expected = JSON.parse(await readFile(join(fixtureDir, 'expected.json'), 'utf8')) as Expected;

/** The fixture clip's truths, masks and outputs, frame by frame, as the evaluation reads them. */
async function* fixtureFrames() {
  const [clip] = await listVideoClips(join(fixtureDir, 'data'), [expected.clip]);
  for (const [i, name] of clip.frameNames.entries()) {
    const truth = await readImage(clip.framePaths[i]);
    const mask = await readBenchmarkMask(clip.maskPaths[i]);
    const output = await readImage(join(fixtureDir, 'outputs', expected.clip, name));
    yield { truth, mask, output };
  }
}

describe('video scores agree with evaluate_video.py (OpenCV 4.6, scikit-image 0.19)', () => {
  it('the fixture: 5 frames, one pair with an empty union', () => {
    expect(expected.scores.frames).toBe(5);
    expect(expected.pairs.filter((p) => p.unionPixels === 0)).toHaveLength(1);
  });

  it('clip scores: PSNR within 0.01 dB, SSIM within 1e-4, stability within 1e-9', async () => {
    const scorer = new ClipScorer();
    for await (const { truth, mask, output } of fixtureFrames()) scorer.add(output, truth, mask);
    const got = scorer.scores();
    expect(got.frames).toBe(expected.scores.frames);
    expect(Math.abs(got.psnr - expected.scores.psnr)).toBeLessThan(0.01);
    expect(Math.abs(got.ssim - expected.scores.ssim)).toBeLessThan(1e-4);
    expect(Math.abs(got.stability - expected.scores.stability)).toBeLessThan(1e-9);
  });

  it('each frame: hole pixels exact, PSNR within 0.01 dB, SSIM within 1e-4', async () => {
    const scorer = new ClipScorer();
    let i = 0;
    for await (const { truth, mask, output } of fixtureFrames()) {
      expect(holeCount(mask)).toBe(expected.perFrame[i].holePixels);
      scorer.add(output, truth, mask);
      const got = scorer.scores().perFrame[i];
      expect(Math.abs(got.psnr - expected.perFrame[i].psnr)).toBeLessThan(0.01);
      expect(Math.abs(got.ssim - expected.perFrame[i].ssim)).toBeLessThan(1e-4);
      i++;
    }
    expect(i).toBe(expected.perFrame.length);
  });

  it('each pair: counted exactly when its union has hole pixels, with the reference change ratio so far', async () => {
    const stability = new TemporalStability();
    let outputSum = 0, truthSum = 0, counted = 0, i = -1;
    for await (const { truth, mask, output } of fixtureFrames()) {
      // The scorer composites before measuring change; do the same through ClipScorer's input rule.
      const scored = new ClipScorer().add(output, truth, mask);
      stability.add(scored, truth, mask);
      if (i >= 0) {
        const pair = expected.pairs[i];
        if (pair.outputChange !== null && pair.truthChange !== null) {
          outputSum += pair.outputChange;
          truthSum += pair.truthChange;
          counted++;
        }
        expect(stability.pairs).toBe(counted);
        expect(stability.value()).toBeCloseTo(counted === 0 ? 0 : outputSum / truthSum, 9);
      }
      i++;
    }
  });
});
