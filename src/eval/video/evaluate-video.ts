import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError, SizeMismatchError, throwIfCancelled } from '../../core/errors.js';
import type { Image, Mask } from '../../core/image.js';
import { readImage } from '../../io/read-image.js';
import { writeImage } from '../../io/write-image.js';
import { inpaintVideo } from '../../pipeline/inpaint-video.js';
import type { ProgressCallback } from '../../registry/method.js';
import { getVideoMethod } from '../../methods.js';
import { parseOptions } from '../../registry/parse-options.js';
import { ClipScorer } from './clip-scorer.js';
import { readBenchmarkMask } from './read-benchmark-mask.js';
import { listVideoClips, type VideoClip } from './video-clips.js';
import type { VideoClipResult, VideoEvalReport } from './video-report.js';

/** Grey the holes are filled with, so that no method can see the original pixels. */
const HOLE_GREY = 128;

export interface EvaluateVideoOptions {
  /** The benchmark data folder: video/NAME/frames/*.png and video/NAME/masks/*.png. */
  readonly dataDir: string;
  /** Registered video method id. */
  readonly method: string;
  /** The method's options; validated against its schema, defaults filled in. */
  readonly options?: Record<string, unknown>;
  /** Clip names to run, in this order. @default every clip, sorted by name */
  readonly clips?: readonly string[];
  /** When given, each scored (composited) frame is written to `outDir/<clip>/<frame name>`. */
  readonly outDir?: string;
  /** Called after each frame with the fraction of all frames done and `<clip> <i>/<n>`. */
  readonly onProgress?: ProgressCallback;
  readonly signal?: AbortSignal;
}

/**
 * Runs a video method over the benchmark's clips as `evaluate_video.py` scores them: each frame
 * goes in with its hole greyed, each output is composited onto the ground truth and scored (PSNR,
 * SSIM, averaged over frames) and fed to the temporal stability. Frames stream: scoring happens as
 * outputs arrive, and only the frames the method still holds plus the previous output are in
 * memory, never the clip.
 */
export async function evaluateVideo(opts: EvaluateVideoOptions): Promise<VideoEvalReport> {
  // A misspelt method or option fails now, not after the first frame is read.
  const method = getVideoMethod(opts.method);
  const options = parseOptions(method, opts.options);
  const clips = await listVideoClips(opts.dataDir, opts.clips);
  const totalFrames = clips.reduce((n, c) => n + c.frameNames.length, 0);
  if (opts.outDir) for (const clip of clips) await assertNoOtherFrames(join(opts.outDir, clip.name), clip);
  const results: VideoClipResult[] = [];
  let framesBefore = 0;
  for (const clip of clips) {
    throwIfCancelled(opts.signal);
    results.push(
      await evaluateClip(clip, {
        ...opts,
        method: method.id,
        options,
        onFrame: (done) => opts.onProgress?.((framesBefore + done) / totalFrames, `${clip.name} ${done}/${clip.frameNames.length}`),
      }),
    );
    framesBefore += clip.frameNames.length;
  }
  return { method: method.id, options, clips: results };
}

/**
 * Refuses an output folder holding PNGs that this run would not overwrite (another clip's, an
 * earlier run's): the reference scorer reads every PNG there as a frame.
 */
async function assertNoOtherFrames(folder: string, clip: VideoClip): Promise<void> {
  const existing = await readdir(folder).catch(() => [] as string[]);
  const names = new Set(clip.frameNames);
  const others = existing.filter((name) => name.endsWith('.png') && !names.has(name)).sort();
  if (others.length > 0) {
    throw new InvalidInputError(folder, `an output folder for the ${names.size} frames of ${clip.name} alone`, `${others.length} other PNGs such as ${others[0]}`);
  }
}

interface ClipRunOptions {
  readonly method: string;
  readonly options: Record<string, unknown>;
  readonly outDir?: string;
  readonly onFrame: (framesDone: number) => void;
  readonly signal?: AbortSignal;
}

async function evaluateClip(clip: VideoClip, opts: ClipRunOptions): Promise<VideoClipResult> {
  const source = new ClipSource(clip);
  const outFolder = opts.outDir ? join(opts.outDir, clip.name) : undefined;
  if (outFolder) await mkdir(outFolder, { recursive: true });
  const written: string[] = [];
  const scorer = new ClipScorer();
  const outputs = inpaintVideo(source.frames(), source.masks(), {
    method: opts.method,
    options: opts.options,
    frameCount: clip.frameNames.length,
    signal: opts.signal,
  });
  let waitedMs = 0;
  try {
    for (let index = 0; ; index++) {
      const start = performance.now();
      const next = await outputs.next();
      waitedMs += performance.now() - start;
      if (next.done) break;
      throwIfCancelled(opts.signal);
      // Output i belongs to input i: the pipeline keeps the order.
      const { truth, mask } = source.takeScored();
      const scored = scorer.add(next.value, truth, mask);
      if (outFolder) {
        const path = join(outFolder, clip.frameNames[index]);
        await writeImage(path, scored, { inputs: [clip.framePaths[index], clip.maskPaths[index]] });
        written.push(path);
      }
      opts.onFrame(scorer.frameCount);
    }
  } catch (error) {
    // A clip's outputs are complete or absent: a half-written clip would pass for a short one.
    await Promise.all(written.map((path) => unlink(path).catch(() => undefined)));
    throw error;
  } finally {
    // Stops the method's work (and any reader it holds open) when scoring or writing failed.
    await outputs.return(undefined);
  }
  // The method's own time: waiting on the pipeline, less reading and decoding the input files.
  const seconds = Math.max(0, waitedMs - source.readMs) / 1000;
  const scores = scorer.scores();
  return { name: clip.name, ...scores, seconds, fps: scores.frames / Math.max(seconds, 1e-6) };
}

/**
 * The clip's files as the two streams `inpaintVideo` takes (greyed frames, masks), reading each
 * frame and mask once however the method interleaves the streams, and keeping the ground truth of
 * every frame handed out until its output has been scored.
 */
class ClipSource {
  /** Milliseconds spent reading and decoding frame and mask files. */
  readMs = 0;
  private readonly loads = new Map<number, { promise: Promise<LoadedFrame>; taken: number }>();
  private readonly awaitingScore: LoadedFrame[] = [];
  private size: { width: number; height: number } | undefined;

  constructor(private readonly clip: VideoClip) {}

  async *frames(): AsyncGenerator<Image> {
    for (let i = 0; i < this.clip.framePaths.length; i++) {
      const loaded = await this.take(i);
      this.awaitingScore.push(loaded);
      yield loaded.input;
    }
  }

  async *masks(): AsyncGenerator<Mask> {
    for (let i = 0; i < this.clip.maskPaths.length; i++) yield (await this.take(i)).mask;
  }

  takeScored(): LoadedFrame {
    const loaded = this.awaitingScore.shift();
    if (!loaded) throw new Error('the video pipeline returned an output before reading its frame');
    return loaded;
  }

  /** Frame i for one of the two streams; the file is read on the first call and dropped after the second. */
  private take(i: number): Promise<LoadedFrame> {
    let entry = this.loads.get(i);
    if (!entry) {
      entry = { promise: this.load(i), taken: 0 };
      this.loads.set(i, entry);
    }
    if (++entry.taken === 2) this.loads.delete(i);
    return entry.promise;
  }

  private async load(i: number): Promise<LoadedFrame> {
    const start = performance.now();
    const framePath = this.clip.framePaths[i], maskPath = this.clip.maskPaths[i];
    const [image, mask] = await Promise.all([readImage(framePath), readBenchmarkMask(maskPath)]);
    this.readMs += performance.now() - start;
    // RGB only: OpenCV's reader, which the reference scorer uses, drops alpha too.
    const truth: Image = { width: image.width, height: image.height, rgb: image.rgb };
    this.size ??= truth;
    if (truth.width !== this.size.width || truth.height !== this.size.height) {
      throw new SizeMismatchError(`frame ${framePath}`, this.size, truth, 'every frame of a clip must have the same size');
    }
    if (mask.width !== truth.width || mask.height !== truth.height) {
      throw new SizeMismatchError(`mask ${maskPath}`, truth, mask, `it is paired with ${framePath}`);
    }
    return { truth, mask, input: withGreyHole(truth, mask) };
  }
}

interface LoadedFrame {
  readonly truth: Image;
  readonly mask: Mask;
  /** The truth with its hole filled with grey: what the method sees. */
  readonly input: Image;
}

function withGreyHole(image: Image, mask: Mask): Image {
  const rgb = image.rgb.slice();
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i]) rgb.fill(HOLE_GREY, i * 3, i * 3 + 3);
  }
  return { width: image.width, height: image.height, rgb };
}
