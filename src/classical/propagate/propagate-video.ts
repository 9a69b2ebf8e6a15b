import { throwIfCancelled } from '../../core/errors.js';
import type { Image, Mask } from '../../core/image.js';
import { zipFramesAndMasks } from '../../pipeline/zip-frames.js';
import type { VideoRunContext } from '../../registry/video-method.js';
import { createFlowPool, type FlowPool } from '../flow/flow-pool.js';
import { toGray, type GrayPlane } from '../flow/gray-pyramid.js';
import { harmonicFill } from '../smooth-fill.js';
import { dfcFlowCompleter } from '../../models/dfcnet/flow-completer.js';
import { DfcWindowCompletion } from '../../models/dfcnet/window-completion.js';
import { createFlowField, type FlowField } from '../flow/flow-field.js';
import { completeFlow, unknownFlow } from './complete-flow.js';
import { flowHalvings, shrinkGray, shrinkMask } from './flow-resolution.js';
import { createFrameState, resetToKnown, type FrameState } from './frame-state.js';
import type { PropagateOptions } from './method.js';
import { propagateWindow } from './propagate-window.js';

/**
 * Streams the clip through overlapping windows: each window holds `window` frames, of which the
 * first `context` were written already (sources only) and the last `context` are looked ahead at
 * (sources only, written by the next window). Memory is the window's, whatever the clip's length.
 */
export async function* propagateVideo(
  frames: AsyncIterable<Image>,
  masks: AsyncIterable<Mask>,
  options: PropagateOptions,
  run: VideoRunContext,
): AsyncGenerator<Image> {
  const dfc = options.flowCompletion === 'dfc' ? new DfcWindowCompletion(await dfcFlowCompleter(options.weights!)) : undefined;
  const pool = createFlowPool();
  const window: FrameState[] = [];
  const input = zipFramesAndMasks(frames, masks)[Symbol.asyncIterator]();
  let ended = false;
  let emitted = 0;
  try {
    for (;;) {
      while (!ended && window.length < options.window) {
        const next = await input.next();
        if (next.done) {
          ended = true;
          break;
        }
        window.push(createFrameState(next.value.frame, next.value.mask));
      }
      if (window.length === 0) return;
      throwIfCancelled(run.signal);
      const from = window.findIndex((f) => !f.emitted);
      const to = ended ? window.length : window.length - options.context;
      // Most of a window's time goes to its flows: they count for most of the frames it writes.
      const onFlow = (share: number) => {
        if (!run.frameCount) return;
        run.onProgress?.((emitted + 0.9 * share * (to - from)) / run.frameCount, `optical flow for frames ${emitted + 1}-${emitted + to - from}`);
      };
      await linkFlows(window, pool, options, onFlow, dfc);
      await dfc?.complete(window, ended, run.signal);

      await propagateWindow(window, from, to, {
        consistency: options.consistency,
        imageMethod: options.imageMethod,
        fillImage: run.fillImage,
        signal: run.signal,
      });
      for (let t = from; t < to; t++) {
        window[t].emitted = true;
        emitted++;
        yield { width: window[t].width, height: window[t].height, rgb: window[t].pixels };
      }
      if (ended) return;
      // Keep the last `context` written frames as sources; forget what the look-ahead frames got.
      window.splice(0, to - options.context);
      for (const frame of window) if (!frame.emitted) resetToKnown(frame);
    }
  } finally {
    await input.return?.(undefined);
    await pool.close();
  }
}

/**
 * Computes and completes the flows between neighbours of the window that have none yet, on
 * frames shrunk to `flowSize`, telling `onFlow` the share done after each. With `dfc` the flows
 * are only recorded, with where they are unknown; DFC-Net completes them once all are there.
 */
async function linkFlows(
  window: FrameState[],
  pool: FlowPool,
  options: Pick<PropagateOptions, 'flowMargin' | 'flowSize'>,
  onFlow: (share: number) => void,
  dfc: DfcWindowCompletion | undefined,
): Promise<void> {
  if (window.length < 2) return;
  const { width, height } = window[0];
  const halvings = flowHalvings(width, height, options.flowSize);
  const scale = 2 ** halvings;
  const fullMargin = options.flowMargin > 0 ? options.flowMargin : Math.max(4, Math.round(Math.min(width, height) / 16));
  const margin = Math.max(1, Math.round(fullMargin / scale));
  const inputs = new Map<number, { gray: GrayPlane; hole: Mask }>();
  const inputOf = (t: number) => {
    let input = inputs.get(t);
    if (!input) {
      const gray = shrinkGray(toGray(window[t].input), halvings);
      const hole = shrinkMask(window[t].hole, halvings);
      // The hole holds filler: diffuse over it so that it forms no edge the flow could latch on.
      harmonicFill(gray.data, hole.data, gray.width, gray.height, 1);
      input = { gray, hole };
      inputs.set(t, input);
    }
    return input;
  };
  const pending: Promise<void>[] = [];
  let done = 0;
  const finished = () => onFlow(++done / pending.length);
  if (dfc && !dfc.hasRaw(window[0], 'previous')) {
    // The clip's first frame: the official pipeline puts a zero flow to "its previous" at the
    // start of the backward flows, which the first stacks repeat.
    const first = inputOf(0);
    dfc.setRaw(window[0], 'previous', createFlowField(first.gray.width, first.gray.height), unknownFlow(first.hole, first.hole, margin), scale);
  }
  const settle = (frame: FrameState, direction: 'next' | 'previous', field: FlowField, holeFrom: Mask, holeTo: Mask) => {
    if (dfc) {
      dfc.setRaw(frame, direction, field, unknownFlow(holeFrom, holeTo, margin), scale);
    } else {
      completeFlow(field, holeFrom, holeTo, margin);
      frame[direction === 'next' ? 'toNext' : 'toPrevious'] = { field, scale };
    }
    finished();
  };
  for (let t = 0; t + 1 < window.length; t++) {
    const a = window[t], b = window[t + 1];
    if (dfc ? dfc.hasRaw(a, 'next') && dfc.hasRaw(b, 'previous') : a.toNext && b.toPrevious) continue;
    const from = inputOf(t), to = inputOf(t + 1);
    pending.push(
      pool.flow(from.gray, to.gray).then((field) => settle(a, 'next', field, from.hole, to.hole)),
      pool.flow(to.gray, from.gray).then((field) => settle(b, 'previous', field, to.hole, from.hole)),
    );
  }
  await Promise.all(pending);
}
