/**
 * Internal learning on one clip (Zhang et al. 2019, DIP-Vid-Flow): the clip is read whole at the
 * working size (8-bit: the network trains on every frame, so all of it stays resident), then an
 * InternalRun (internal-run.ts) estimates the flows, optimises a fresh generator on this clip
 * alone for the step budget and generates every frame, on the network worker thread when there is
 * a build (else on the calling thread, with the same code), driven here a short call at a time:
 * the event loop turns during the run, progress and cancellation pass between calls, and the
 * frames stream out as they are generated.
 */
import { throwIfCancelled, InvalidInputError } from '../../core/errors.js';
import { createImage, type Image, type Mask } from '../../core/image.js';
import { resolveLossTerms, type LossTerm } from '../../losses/loss-terms.js';
import { zipFramesAndMasks } from '../../pipeline/zip-frames.js';
import type { VideoRunContext } from '../../registry/video-method.js';
import { Transferring, type ReplyOf } from '../../runtime/protocol.js';
import type { WorkerPool } from '../../runtime/worker-pool.js';
import { networkPool } from '../common/network-pool.js';
import type { NetworkWorkerApi } from '../common/network-worker.js';
import { EncoderDecoder2D } from './encoder-decoder-2d.js';
import { BATCH_SIZE, type InternalRunRequest } from './internal-run.js';
import { internalWorkerApi, type InternalWorkerApi } from './internal-worker-api.js';
import { INTERNAL_LOSS_TERMS, OFFICIAL_LOSS_WEIGHTS, type InternalLossTerm } from './losses.js';
import { workingFrame, workingMask, workingSize, type WorkingSize } from './working-clip.js';

export interface InternalOptions {
  steps: number;
  itersPerBatch: number;
  size: number;
  strides: number[];
  depth: number;
  lr: number;
  off: InternalLossTerm[];
  vgg?: string;
  seed: number;
  checkpoint?: string;
  checkpointEvery: number;
}

const PAPER_TERMS: LossTerm[] = INTERNAL_LOSS_TERMS.map((name) => ({
  name, weight: OFFICIAL_LOSS_WEIGHTS[name], ...(name === 'perceptual' && { vgg: 16 as const }),
}));

function minutesSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

type Call = <M extends keyof InternalWorkerApi>(method: M, request: Parameters<InternalWorkerApi[M]>[0], transfer?: ArrayBufferLike[]) => Promise<ReplyOf<InternalWorkerApi[M]>>;

/** Calls on the network worker when there is a pool, else on this thread; each fails with CancelledError once signal is aborted. */
function caller(pool: WorkerPool<NetworkWorkerApi> | null, signal: AbortSignal | undefined): Call {
  if (pool) return (method, request, transfer) => pool.call(method, request as never, { signal, transfer }) as never;
  return async (method, request) => {
    // Lets a cancellation or a progress write through between calls, as far as this thread can.
    await new Promise((resolve) => setImmediate(resolve));
    throwIfCancelled(signal);
    const reply: unknown = await (internalWorkerApi[method] as (r: typeof request) => unknown)(request);
    return (reply instanceof Transferring ? reply.value : reply) as never;
  };
}

/**
 * @param pool the network worker pool to run on, null for the calling thread (the default: the
 *   pool when there is a build)
 */
export async function* internalVideo(
  frames: AsyncIterable<Image>,
  masks: AsyncIterable<Mask>,
  options: InternalOptions,
  context: VideoRunContext,
  pool: WorkerPool<NetworkWorkerApi> | null = networkPool() ?? null,
): AsyncGenerator<Image> {
  const { terms, vggFiles } = resolveLossTerms(PAPER_TERMS, { model: 'internal', off: options.off, vggFiles: options.vgg ? { 16: options.vgg } : {} });
  const weights = Object.fromEntries(INTERNAL_LOSS_TERMS.map((name) => [name, terms.some((t) => t.name === name) ? OFFICIAL_LOSS_WEIGHTS[name] : 0])) as Record<InternalLossTerm, number>;
  if (terms.length === 0) throw new InvalidInputError('internal off', 'at least one loss term left on', options.off.join(','));

  const workingFrames: Uint8Array[] = [];
  const workingMasks: Uint8Array[] = [];
  let clipSize: { width: number; height: number } | undefined;
  let size: WorkingSize | undefined;
  for await (const { frame, mask, index } of zipFramesAndMasks(frames, masks)) {
    throwIfCancelled(context.signal);
    clipSize ??= { width: frame.width, height: frame.height };
    if (frame.width !== clipSize.width || frame.height !== clipSize.height) {
      throw new InvalidInputError(`frame ${index}`, `the size of frame 0 (${clipSize.width}x${clipSize.height})`, `${frame.width}x${frame.height}`);
    }
    size ??= workingSize(frame.width, frame.height, options.size, options.depth, EncoderDecoder2D.minimumSide(options.depth));
    workingFrames.push(workingFrame(frame, size));
    workingMasks.push(workingMask(mask, size));
  }
  if (!clipSize || !size || workingFrames.length < BATCH_SIZE) {
    throw new InvalidInputError('internal video', `a clip of at least ${BATCH_SIZE} frames (the batch the network trains on)`, `${workingFrames.length}`);
  }
  const frameCount = workingFrames.length;
  const request: InternalRunRequest = {
    clip: { ...size, frames: workingFrames, masks: workingMasks },
    outputWidth: clipSize.width, outputHeight: clipSize.height,
    strides: options.strides.filter((s) => (BATCH_SIZE - 1) * s < frameCount),
    steps: options.steps, itersPerBatch: options.itersPerBatch, depth: options.depth, lr: options.lr, seed: options.seed,
    weights, vgg: vggFiles[16], checkpoint: options.checkpoint, checkpointEvery: options.checkpointEvery,
  };
  const call = caller(pool, context.signal);
  // The clip's bytes move to the worker, not copied: this thread holds none of it from here.
  const { run, flowPairs } = await call('internalOpen', request, [...workingFrames, ...workingMasks].map((bytes) => bytes.buffer));
  try {
    for (let pair = 1; pair <= flowPairs; pair++) {
      await call('internalFlowPair', { run });
      context.onProgress?.(0.05 * (pair / flowPairs), `optical flow ${pair}/${flowPairs}`);
    }
    const firstStep = await call('internalPrepare', { run });
    const started = performance.now();
    for (let step = firstStep; step < options.steps; step++) {
      const loss = await call('internalStep', { run });
      const perStep = (performance.now() - started) / 1000 / (step + 1 - firstStep);
      context.onProgress?.(0.05 + 0.9 * ((step + 1) / options.steps),
        `step ${step + 1}/${options.steps}, loss ${loss.toFixed(5)}, ${minutesSeconds(perStep * (options.steps - step - 1))} left`);
    }
    let written = 0;
    for (let start = 0; start + BATCH_SIZE <= frameCount; start++) {
      for (const rgb of await call('internalGenerate', { run, start })) {
        yield createImage(clipSize.width, clipSize.height, rgb);
        written += 1;
        context.onProgress?.(0.95 + 0.05 * (written / frameCount), 'writing frames');
      }
    }
  } finally {
    await caller(pool, undefined)('internalClose', { run });
  }
}
