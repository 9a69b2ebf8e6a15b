/**
 * The flow targets of the clip, prepared once before the optimisation as the official
 * InpaintingDataset.init_flow and init_flow_mask do: for each batch stride s, the forward flows
 * (frame i to i+s, type `f{s}`) and backward flows (i+s to i, `b{s}`), each with a third channel
 * from the forward-backward check (1 where following one flow and then the other returns within
 * exp(-d^2/2) > 0.5), the frames' holes joined with the other frame's hole warped back
 * (`maskFlow`: where the flow and consistency terms look), and the largest flow value that
 * normalises the network's flow channels.
 */
import { cat, keep, noGrad, tidy, type Tensor } from '../../torch/index.js';
import { warp } from './warp.js';

/** Indexed by the frame the flow starts from; the 0/1 planes are held as bool (a byte a value, not four). */
export interface FlowTarget {
  /** [T, 2, H, W]: flow x, flow y. */
  readonly flow: Tensor;
  /** [T, 1, H, W] bool: where the forward-backward check passed. */
  readonly valid: Tensor;
  /** [T, 1, H, W] bool: in the frame's hole or the other frame's hole warped to it. */
  readonly maskFlow: Tensor;
}

export interface StrideFlows {
  /** [T-s, 2, H, W]: the flow from frame i to frame i+s. */
  readonly forward: Tensor;
  /** [T-s, 2, H, W]: the flow from frame i+s to frame i (entry i). */
  readonly backward: Tensor;
}

/** True where flow1 followed by flow2 (sampled at the arrival) comes back within the official tolerance. */
function consistent(flow1: Tensor, flow2: Tensor): Tensor {
  const { warped } = warp(flow2, flow1);
  return flow1.add(warped).pow(2).sum([1], true).div(-2).exp().gt(0.5);
}

/** Frame pairs checked and warped at once. */
const PAIRS_AT_A_TIME = 16;

function repeatFrame(frames: Tensor, index: number, count: number): Tensor[] {
  return Array.from({ length: count }, () => frames.narrow(0, index, 1));
}

/**
 * Flow types `f{s}` and `b{s}` for every stride, and flowValueMax by stride (the largest absolute
 * value over both types' three channels, as the official code takes it).
 */
export function prepareFlowTargets(masks: Tensor, flows: ReadonlyMap<number, StrideFlows>): {
  targets: Map<string, FlowTarget>;
  flowValueMax: Map<number, number>;
} {
  return tidy(() => noGrad(() => {
    const targets = new Map<string, FlowTarget>();
    const flowValueMax = new Map<number, number>();
    const frameCount = masks.shape[0]!;
    for (const [s, { forward, backward }] of flows) {
      const pairs = frameCount - s;
      // A few pairs at a time: the checks and warps of the whole clip at once would need
      // several times the clip's flows in temporaries.
      const fValid: Tensor[] = [], bValid: Tensor[] = [], maskFlowF: Tensor[] = [], maskFlowB: Tensor[] = [];
      for (let first = 0; first < pairs; first += PAIRS_AT_A_TIME) {
        const chunk = tidy(() => {
          const count = Math.min(PAIRS_AT_A_TIME, pairs - first);
          const [f, b] = [forward.narrow(0, first, count), backward.narrow(0, first, count)];
          const [earlier, later] = [masks.narrow(0, first, count), masks.narrow(0, first + s, count)];
          const union = (own: Tensor, warpedOther: Tensor): Tensor => own.add(warpedOther.gt(0).to({ dtype: 'float32' })).gt(0);
          return [consistent(f, b), consistent(b, f), union(earlier, warp(later, f).warped), union(later, warp(earlier, b).warped)];
        });
        fValid.push(chunk[0]!);
        bValid.push(chunk[1]!);
        maskFlowF.push(chunk[2]!);
        maskFlowB.push(chunk[3]!);
      }
      // The official lists are padded to T entries with copies of their first flow, at the end (f) or the start (b).
      const padEnd = (x: Tensor): Tensor => cat([x, ...repeatFrame(x, 0, s)], 0);
      const padStart = (x: Tensor): Tensor => cat([...repeatFrame(x, 0, s), x], 0);
      const f = padEnd(forward), b = padStart(backward);
      const fChecked = padEnd(cat(fValid, 0)), bChecked = padStart(cat(bValid, 0));
      // The largest absolute value over flow x, flow y and the check (0 or 1), as the official code takes it.
      const largest = (flow: Tensor, valid: Tensor): number =>
        Math.max(flow.abs().amax().item() as number, valid.to({ dtype: 'float32' }).amax().item() as number);
      flowValueMax.set(s, Math.max(largest(f, fChecked), largest(b, bChecked)));
      targets.set(`f${s}`, { flow: keep(f), valid: keep(fChecked), maskFlow: keep(cat([...maskFlowF, masks.narrow(0, pairs, s).gt(0)], 0)) });
      targets.set(`b${s}`, { flow: keep(b), valid: keep(bChecked), maskFlow: keep(cat([masks.narrow(0, 0, s).gt(0), ...maskFlowB], 0)) });
    }
    return { targets, flowValueMax };
  }));
}
