import type { ClipScores } from './clip-scorer.js';

/** The scores of one clip, as `evaluate_video.py score` reports them, plus the method's speed. */
export interface VideoClipResult extends ClipScores {
  readonly name: string;
  /** Seconds the method took on the clip (reading, scoring and writing files excluded). */
  readonly seconds: number;
  readonly fps: number;
}

export interface VideoEvalReport {
  /** The video method's id. */
  readonly method: string;
  /** Its options, defaults filled in. */
  readonly options: Record<string, unknown>;
  readonly clips: readonly VideoClipResult[];
}

/**
 * One line a clip, in the reference scorer's format (so the two can be compared line by line)
 * with the method's frames per second added.
 */
export function formatVideoEvalReport(report: VideoEvalReport): string {
  return report.clips
    .map(
      (c) =>
        `${c.name}: PSNR ${c.psnr.toFixed(2)} SSIM ${c.ssim.toFixed(4)} stability ${c.stability.toFixed(2)} ` +
        `frames ${c.frames}  ${c.fps.toFixed(1)} fps`,
    )
    .join('\n');
}
