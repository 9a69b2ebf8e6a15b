/**
 * DFC-Net flow completion for the `propagate` method's windows. The window's flows are estimated
 * first (raw, with where they are unknown); each is then completed from the stack of the 11 flows
 * of its direction around it (stack-indices.ts), prepared as the official pipeline does
 * (flow-stack.ts). A window that does not reach the clip's end clamps the stacks of its last five
 * flows to its last flow; those are completed again once the next window holds the flows after
 * them, so every flow is finally completed from the stack the whole clip gives it.
 */
import { throwIfCancelled } from '../../core/errors.js';
import type { Mask } from '../../core/image.js';
import type { FlowField } from '../../classical/flow/flow-field.js';
import type { FrameState } from '../../classical/propagate/frame-state.js';
import type { FlowCompleter } from './flow-completer.js';
import { prepareFlow, restoreFlow, type PreparedFlow } from './flow-stack.js';
import { stackIndices, stackReachesPast } from './stack-indices.js';

export type FlowDirection = 'next' | 'previous';

interface RawFlow {
  readonly field: FlowField;
  /** 1 where the estimate is not to be trusted: the network replaces it there. */
  readonly unknown: Mask;
  /** How many times smaller than the frames the field is (ScaledFlow.scale). */
  readonly scale: number;
  prepared?: PreparedFlow;
  /** Completed from its full stack: never redone. */
  final: boolean;
}

export class DfcWindowCompletion {
  readonly #raw = new WeakMap<FrameState, Partial<Record<FlowDirection, RawFlow>>>();

  /** `completer` runs the network on a stack (flow-completer.ts: on the network worker, or here). */
  constructor(readonly completer: FlowCompleter) {}

  /** Records frame's estimated flow to its next or previous frame. */
  setRaw(frame: FrameState, direction: FlowDirection, field: FlowField, unknown: Mask, scale: number): void {
    const entry = this.#raw.get(frame) ?? {};
    entry[direction] = { field, unknown, scale, final: false };
    this.#raw.set(frame, entry);
  }

  hasRaw(frame: FrameState, direction: FlowDirection): boolean {
    return this.#raw.get(frame)?.[direction] !== undefined;
  }

  /**
   * Sets toNext and toPrevious of the window's frames from their raw flows; `clipEnded`: the
   * window's last frame is the clip's. Backward flows start at the window's first frame, whose
   * flow to the previous one is, at the clip's start, the zero flow the official pipeline puts
   * there (setRaw it before).
   */
  async complete(window: readonly FrameState[], clipEnded: boolean, signal?: AbortSignal): Promise<void> {
    if (window.length < 2) return;
    const forward = window.slice(0, -1).map((frame) => this.#raw.get(frame)?.next);
    const backward = window.map((frame) => this.#raw.get(frame)?.previous);
    await this.#completeSequence(forward, clipEnded, signal, (t, flow) => (window[t].toNext = flow));
    await this.#completeSequence(backward, clipEnded, signal, (t, flow) => (window[t].toPrevious = flow));
  }

  async #completeSequence(
    flows: readonly (RawFlow | undefined)[],
    clipEnded: boolean,
    signal: AbortSignal | undefined,
    set: (t: number, flow: { field: FlowField; scale: number }) => void,
  ): Promise<void> {
    if (flows.some((flow) => flow === undefined)) throw new Error('DFC-Net completion: a raw flow of the window is missing');
    const raw = flows as readonly RawFlow[];
    const prepared = (flow: RawFlow) => (flow.prepared ??= prepareFlow(flow.field, flow.unknown));
    for (const [t, flow] of raw.entries()) {
      if (flow.final) continue;
      throwIfCancelled(signal);
      const completed = await this.completer(stackIndices(t, raw.length).map((k) => prepared(raw[k])), signal);
      set(t, { field: restoreFlow(completed, flow.field), scale: flow.scale });
      flow.final = clipEnded || !stackReachesPast(t, raw.length);
    }
  }
}
