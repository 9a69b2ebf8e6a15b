import { InvalidOptionError, SizeMismatchError, throwIfCancelled } from '../core/errors.js';
import type { Image, Mask } from '../core/image.js';
import { disFlow } from '../classical/flow/dis-flow.js';
import type { FlowField } from '../classical/flow/flow-field.js';
import { toGray, type GrayPlane } from '../classical/flow/gray-pyramid.js';
import { refineInBand } from './edge-refinement.js';
import { fitObjectModels, type ObjectModels } from './object-models.js';
import { fitWithin, resizeSoftMask, shrinkImage, shrinkMaskSoft } from './resample.js';
import { warpMask } from './warp-mask.js';

/** Computes the optical flow from one grey frame to another (a FlowPool's `flow` fits). */
export type FlowFunction = (from: GrayPlane, to: GrayPlane) => Promise<FlowField>;

export interface TrackMasksOptions {
  /** Tracking runs on frames shrunk to this longer side; masks are enlarged back. @default 640 */
  readonly workSize?: number;
  /** Half-width, in work-size pixels, of the band around the carried mask's edge that the cut may move; 0: chosen from the object's size. @default 0 */
  readonly band?: number;
  /** Largest forward-backward flow disagreement, in work-size pixels, for a pixel's carried value to be trusted. @default 1.5 */
  readonly consistency?: number;
  /** Number of frames, for progress; without it no progress is reported. */
  readonly frameCount?: number;
  /** Optical flow; by default DIS on the calling thread (pass a FlowPool's flow to use worker threads). */
  readonly flow?: FlowFunction;
  readonly onProgress?: (fraction: number, stage?: string) => void;
  readonly signal?: AbortSignal;
}

interface WorkFrame {
  readonly image: Image;
  readonly gray: GrayPlane;
}

/**
 * Carries the key frames' masks (frame index -> mask, 1 = object) through the clip: each frame
 * takes its nearest key frame's mask (the earlier one on a tie), carried frame by frame forward
 * and backward from it by optical flow (warped, with the forward-backward check marking where
 * the flow cannot be trusted), and each carried mask's edge is moved onto the object's by a graph
 * cut with colour models learned from the key frame, in a band around the carried edge. Yields
 * one mask per frame, in order; a key frame yields its own mask. Frames are kept (shrunk) only
 * from a key's territory: a clip with one key frame at the end holds the clip's frames at work size.
 */
export async function* trackMasks(
  frames: AsyncIterable<Image> | Iterable<Image>,
  keys: ReadonlyMap<number, Mask>,
  options: TrackMasksOptions = {},
): AsyncGenerator<Mask> {
  const keyFrames = [...keys.keys()].sort((a, b) => a - b);
  if (keyFrames.length === 0) throw new InvalidOptionError('keys', 'at least one key frame mask', 'none');
  for (const k of keyFrames) {
    if (!Number.isInteger(k) || k < 0) throw new InvalidOptionError('key frame', 'an integer frame index >= 0', k);
    if (options.frameCount !== undefined && k >= options.frameCount) {
      throw new InvalidOptionError('key frame', `a frame index from 0 to ${options.frameCount - 1}`, k);
    }
  }
  const flow = options.flow ?? (async (from: GrayPlane, to: GrayPlane) => disFlow(from, to));
  const input = (Symbol.asyncIterator in frames ? frames[Symbol.asyncIterator]() : toAsync(frames)) as AsyncIterator<Image>;
  const held = new Map<number, WorkFrame>();
  let read = 0, ended = false, done = 0;
  let size: { width: number; height: number; work: { width: number; height: number } } | undefined;

  /** Reads frames until frame t is held; false if the clip ends first. */
  const reach = async (t: number): Promise<boolean> => {
    while (!ended && read <= t) {
      const next = await input.next();
      if (next.done) {
        ended = true;
        break;
      }
      const frame = next.value;
      if (!size) size = { width: frame.width, height: frame.height, work: fitWithin(frame.width, frame.height, options.workSize ?? 640) };
      else if (frame.width !== size.width || frame.height !== size.height) throw new SizeMismatchError(`frame ${read}`, size, frame);
      const image = shrinkImage(frame, size.work.width, size.work.height);
      held.set(read++, { image, gray: toGray(image) });
    }
    return read > t;
  };
  const progress = (stage: string): void => {
    done++;
    if (options.frameCount) options.onProgress?.(done / options.frameCount, stage);
  };

  try {
    let start = 0;
    for (let j = 0; j < keyFrames.length; j++) {
      const key = keyFrames[j];
      // Frames up to the midpoint (rounded down) go to this key; the rest to the next one.
      const end = j + 1 < keyFrames.length ? Math.floor((key + keyFrames[j + 1]) / 2) : Infinity;
      if (!(await reach(key))) throw new InvalidOptionError('key frame', `a frame index from 0 to ${read - 1}`, key);
      const keyMask = keys.get(key)!;
      if (keyMask.width !== size!.width || keyMask.height !== size!.height) {
        throw new SizeMismatchError(`key frame ${key} mask`, size!, keyMask);
      }
      const { work } = size!;
      const keyFrame = held.get(key)!;
      const keySoft = shrinkMaskSoft(keyMask, work.width, work.height);
      const models = fitObjectModels(keyFrame.image, binary(keySoft));
      const tracker = { models, band: options.band ?? 0, consistency: options.consistency ?? 1.5, flow, signal: options.signal };

      // Backward from the key to the start of its territory, then out in order.
      const before: Float32Array[] = [];
      let carried = keySoft;
      for (let t = key - 1; t >= start; t--) {
        carried = await carry(carried, held.get(t + 1)!, held.get(t)!, tracker);
        before.unshift(carried);
        progress(`tracking frame ${t + 1}`);
      }
      for (const soft of before) yield resizeSoftMask(soft, work.width, work.height, size!.width, size!.height);
      for (let t = start; t < key; t++) held.delete(t);
      progress(`key frame ${key + 1}`);
      yield keyMask;

      carried = keySoft;
      for (let t = key + 1; t <= end && (await reach(t)); t++) {
        carried = await carry(carried, held.get(t - 1)!, held.get(t)!, tracker);
        held.delete(t - 1);
        progress(`tracking frame ${t + 1}`);
        yield resizeSoftMask(carried, work.width, work.height, size!.width, size!.height);
      }
      held.delete(end);
      start = end + 1;
    }
  } finally {
    await input.return?.();
  }
}

interface Tracker {
  readonly models: ObjectModels;
  readonly band: number;
  readonly consistency: number;
  readonly flow: FlowFunction;
  readonly signal?: AbortSignal;
}

/** The mask of frame `from` carried to frame `to` and fitted to its edges (soft, 0..1). */
async function carry(mask: Float32Array, from: WorkFrame, to: WorkFrame, tracker: Tracker): Promise<Float32Array> {
  throwIfCancelled(tracker.signal);
  const [toFrom, fromTo] = await Promise.all([tracker.flow(to.gray, from.gray), tracker.flow(from.gray, to.gray)]);
  throwIfCancelled(tracker.signal);
  const { width, height } = to.image;
  const { belief, doubtful } = warpMask(mask, toFrom, fromTo, tracker.consistency);
  const start = { width, height, data: binary(belief) };
  let area = 0;
  for (let i = 0; i < start.data.length; i++) area += start.data[i];
  const band = tracker.band > 0 ? tracker.band : Math.max(3, Math.round(0.1 * Math.sqrt(area)));
  const refined = refineInBand(to.image, start, tracker.models, { band, prior: belief, alsoFree: doubtful });
  return Float32Array.from(refined.data);
}

function binary(soft: Float32Array): Uint8Array {
  const out = new Uint8Array(soft.length);
  for (let i = 0; i < soft.length; i++) out[i] = soft[i] > 0.5 ? 1 : 0;
  return out;
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}
