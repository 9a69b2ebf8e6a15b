import { InvalidInputError } from '../core/errors.js';
import type { Mask } from '../core/image.js';

/**
 * Masks of a clip's frames as JSON, for the page and the server to pass between them: each mask
 * as run lengths in row-major order, alternately known (0) and hole (1), starting with known (a
 * mask starting with a hole begins with a run of 0). Lossless and small for the blobs masks are;
 * `frame` is the frame's index in the clip, from 0.
 */
export interface MaskFramesJson {
  readonly width: number;
  readonly height: number;
  readonly frames: readonly { readonly frame: number; readonly runs: readonly number[] }[];
}

export function encodeRuns(mask: Mask): number[] {
  const runs: number[] = [];
  let value = 0;
  let length = 0;
  for (const v of mask.data) {
    const bit = v ? 1 : 0;
    if (bit === value) {
      length++;
      continue;
    }
    runs.push(length);
    value = bit;
    length = 1;
  }
  runs.push(length);
  return runs;
}

export function encodeMaskFrames(width: number, height: number, masks: ReadonlyMap<number, Mask>): MaskFramesJson {
  const frames = [...masks].sort(([a], [b]) => a - b).map(([frame, mask]) => ({ frame, runs: encodeRuns(mask) }));
  return { width, height, frames };
}

/**
 * Reads mask frames JSON (text or parsed), checking everything a client could get wrong: the
 * size, whole frame indices below `frameCount` each given once, and runs that fill the frame
 * exactly. `what` names the input in errors.
 */
export function decodeMaskFrames(input: unknown, what: string, expected: { width: number; height: number; frameCount: number }): Map<number, Mask> {
  const expectedText = `mask frames JSON ({ width, height, frames: [{ frame, runs }] }) for ${expected.width}x${expected.height}, frames 0 to ${expected.frameCount - 1}`;
  let doc = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch {
      throw new InvalidInputError(what, expectedText, 'text that is not JSON');
    }
  }
  const { width, height, frames } = (doc ?? {}) as Partial<MaskFramesJson>;
  if (width !== expected.width || height !== expected.height) {
    throw new InvalidInputError(what, expectedText, `masks of ${String(width)}x${String(height)}`);
  }
  if (!Array.isArray(frames) || frames.length === 0) throw new InvalidInputError(what, expectedText, 'no frames');
  const masks = new Map<number, Mask>();
  for (const entry of frames) {
    const frame = (entry as { frame?: unknown })?.frame;
    if (typeof frame !== 'number' || !Number.isInteger(frame) || frame < 0 || frame >= expected.frameCount) {
      throw new InvalidInputError(what, expectedText, `a frame index ${JSON.stringify(frame)}`);
    }
    if (masks.has(frame)) throw new InvalidInputError(what, expectedText, `frame ${frame} twice`);
    masks.set(frame, decodeRuns((entry as { runs?: unknown }).runs, width, height, `${what} frame ${frame}`));
  }
  return masks;
}

function decodeRuns(runs: unknown, width: number, height: number, what: string): Mask {
  const expected = `run lengths (whole numbers) adding up to ${width * height} pixels`;
  if (!Array.isArray(runs)) throw new InvalidInputError(what, expected, 'no runs');
  const data = new Uint8Array(width * height);
  let at = 0;
  for (let r = 0; r < runs.length; r++) {
    const length = runs[r] as unknown;
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || at + length > data.length) {
      throw new InvalidInputError(what, expected, `${JSON.stringify(length)} at run ${r}, past pixel ${at}`);
    }
    if (r % 2 === 1) data.fill(1, at, at + length);
    at += length;
  }
  if (at !== data.length) throw new InvalidInputError(what, expected, `runs adding up to ${at}`);
  return { width, height, data };
}
