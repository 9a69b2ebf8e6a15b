import { readFile } from 'node:fs/promises';
import { getMethod, getVideoMethod } from '../methods.js';
import type { JobStorage } from '../server/job-storage.js';
import type { OfferedMethods } from '../server/offered-methods.js';
import type { ReceivedJob } from '../server/received-job.js';
import type { VideoClip } from '../server/video-upload.js';

/**
 * A received job as it travels through Redis: what it is, never its bytes (those are in the
 * shared storage, under the job's id) and never a path (each machine mounts the storage where it
 * likes) nor a weights file (each worker has its own).
 */
export type JobSpec =
  | (SpecCommon & { readonly kind: 'image'; readonly maxPixels: number; readonly hasMask: boolean })
  | (SpecCommon & { readonly kind: 'video'; readonly video: VideoClip; readonly mask: 'maskImage' | 'maskVideo' });

interface SpecCommon {
  readonly id: string;
  readonly method: string;
  /** The method's options as checked by the server, without `weights`. */
  readonly options: Record<string, unknown>;
  /** Longest the work may run once started; absent: no limit (a batch of `inpaint run`). */
  readonly timeLimitMs?: number;
}

/**
 * Puts what a received job still holds in memory (an image job's uploads) into the storage, and
 * answers the spec that names it.
 */
export async function storeReceivedJob(job: ReceivedJob, storage: JobStorage, timeLimitMs?: number): Promise<JobSpec> {
  const common = { id: job.id, ...(timeLimitMs !== undefined && { timeLimitMs }) };
  if (job.kind === 'image') {
    const { request } = job;
    await storage.writeInput(job.id, 'image', request.image);
    if (request.mask) await storage.writeInput(job.id, 'maskImage', request.mask);
    return { ...common, kind: 'image', method: request.method, options: withoutWeights(request.options), maxPixels: request.maxPixels, hasMask: request.mask !== undefined };
  }
  const { input } = job;
  const mask = input.maskPath === storage.inputPath(job.id, 'maskImage') ? 'maskImage' : 'maskVideo';
  return { ...common, kind: 'video', method: input.method, options: withoutWeights(input.options), video: input.video, mask };
}

/**
 * The received job a spec names, read back from the storage on the machine that runs it. The
 * options are checked again against what this machine offers, which adds its own weights (a
 * network it has no weights for is refused with the error a server gives).
 */
export async function receivedJobFromSpec(spec: JobSpec, storage: JobStorage, offered: OfferedMethods): Promise<ReceivedJob> {
  const { id } = spec;
  if (spec.kind === 'image') {
    const options = offered.options(getMethod(spec.method), JSON.stringify(spec.options));
    const image = await readFile(storage.inputPath(id, 'image'));
    const mask = spec.hasMask ? await readFile(storage.inputPath(id, 'maskImage')) : undefined;
    return { kind: 'image', id, request: { method: spec.method, options, image, mask, maxPixels: spec.maxPixels } };
  }
  const options = offered.options(getVideoMethod(spec.method), JSON.stringify(spec.options));
  return {
    kind: 'video',
    id,
    input: {
      id,
      method: spec.method,
      options,
      imageOptions: offered.imageOptions,
      video: spec.video,
      videoPath: storage.inputPath(id, 'video'),
      maskPath: storage.inputPath(id, spec.mask),
    },
  };
}

function withoutWeights(options: Record<string, unknown>): Record<string, unknown> {
  const { weights: _weights, ...rest } = options;
  return rest;
}
