import type { Image, Mask } from '../../core/image.js';
import { composite } from '../../metrics/composite.js';
import { psnr } from '../../metrics/psnr.js';
import { ssim } from '../../metrics/ssim.js';
import { TemporalStability } from '../../metrics/temporal-stability.js';

/** PSNR (dB) and SSIM of one composited frame. */
export interface FrameScores {
  readonly psnr: number;
  readonly ssim: number;
}

/** A clip's scores as `evaluate_video.py score` computes them. */
export interface ClipScores {
  /** Mean of the frames' PSNR. */
  readonly psnr: number;
  /** Mean of the frames' SSIM. */
  readonly ssim: number;
  readonly stability: number;
  readonly frames: number;
  readonly perFrame: readonly FrameScores[];
}

/**
 * Scores a clip's outputs one frame at a time, in order, as the reference scorer does: each
 * output is composited onto its ground truth (hole from the output, the rest from the truth),
 * PSNR and SSIM are taken on the whole composited frame, and the composited frames feed the
 * temporal stability. Holds only the previous frame.
 */
export class ClipScorer {
  private readonly stability = new TemporalStability();
  private readonly frames: FrameScores[] = [];

  /** Scores the next output; returns the composited frame (what was scored). */
  add(output: Image, truth: Image, mask: Mask): Image {
    const scored = composite(output, truth, mask);
    this.frames.push({ psnr: psnr(scored, truth), ssim: ssim(scored, truth) });
    this.stability.add(scored, truth, mask);
    return scored;
  }

  get frameCount(): number {
    return this.frames.length;
  }

  /** The means so far; NaN PSNR and SSIM before the first frame. */
  scores(): ClipScores {
    const n = this.frames.length;
    return {
      psnr: this.frames.reduce((sum, f) => sum + f.psnr, 0) / n,
      ssim: this.frames.reduce((sum, f) => sum + f.ssim, 0) / n,
      stability: this.stability.value(),
      frames: n,
      perFrame: [...this.frames],
    };
  }
}
