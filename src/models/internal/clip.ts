/**
 * A clip prepared for internal learning, as the official InpaintingDataset holds it: frames,
 * masks, each frame's fixed noise map, the perceptual masks, and the flow targets of every stride.
 * `batch` cuts the batch the official get_batch_data cuts: `batchSize` frames `stride` apart, the
 * flows of one type.
 */
import { cat, rand, tidy, type Tensor } from '../../torch/index.js';
import { prepareFlowTargets, type FlowTarget, type StrideFlows } from './flow-targets.js';
import type { BatchTargets } from './losses.js';
import { perceptualMasks } from './perceptual-masks.js';

/** The official input: one channel of uniform noise times 0.1 (get_noise with input_ratio 0.1). */
export function noiseMaps(frameCount: number, height: number, width: number): Tensor {
  return tidy(() => rand([frameCount, 1, height, width]).mul(0.1));
}

/** The flow types in the network's output channels, in the official order: f1, b1, f3, b3, ... */
export function flowTypes(strides: readonly number[]): string[] {
  return strides.flatMap((s) => [`f${s}`, `b${s}`]);
}

export class InternalClip {
  readonly frameCount: number;
  readonly perceptualMasks: Tensor[];
  readonly targets: Map<string, FlowTarget>;
  readonly flowValueMax: Map<number, number>;

  /**
   * @param frames [T, 3, H, W] BGR in [0, 1] (the official channel order, which the VGG16 term sees)
   * @param masks [T, 1, H, W], 1 = hole
   * @param noise [T, 1, H, W], the network's fixed inputs
   * @param flows by stride: the estimated flows between frames that far apart
   */
  constructor(
    readonly frames: Tensor,
    readonly masks: Tensor,
    readonly noise: Tensor,
    flows: ReadonlyMap<number, StrideFlows>,
    readonly batchSize = 5,
  ) {
    this.frameCount = frames.shape[0]!;
    this.perceptualMasks = perceptualMasks(masks);
    ({ targets: this.targets, flowValueMax: this.flowValueMax } = prepareFlowTargets(masks, flows));
    this.strides = [...flows.keys()];
  }

  readonly strides: number[];

  /** Frames start, start+stride, ... (batchSize of them) of x [T, ...]. */
  #pick(x: Tensor, start: number, stride: number): Tensor {
    return cat(Array.from({ length: this.batchSize }, (_, k) => x.narrow(0, start + k * stride, 1)), 0);
  }

  /** The batches one pass trains on, as init_batch_list lists them (before its shuffle). */
  batchList(): { start: number; stride: number; flowType: string }[] {
    return flowTypes(this.strides).flatMap((flowType) => {
      const stride = Number(flowType.slice(1));
      const count = Math.max(0, this.frameCount - (this.batchSize - 1) * stride);
      return Array.from({ length: count }, (_, start) => ({ start, stride, flowType }));
    });
  }

  /** The network input and the loss targets of one batch (tensors owned by the caller). */
  batch(start: number, stride: number, flowType: string): { noise: Tensor; targets: BatchTargets } {
    const target = this.targets.get(flowType);
    if (!target) throw new Error(`internal: no flow type ${flowType} (strides ${this.strides.join(', ')})`);
    return tidy(() => {
      const direction = flowType[0] as 'f' | 'b';
      const [first, count] = direction === 'f' ? [0, this.batchSize - 1] : [1, this.batchSize - 1];
      const rows = (x: Tensor): Tensor => this.#pick(x, start, stride).narrow(0, first, count);
      return {
        noise: this.#pick(this.noise, start, stride),
        targets: {
          frames: this.#pick(this.frames, start, stride),
          masks: this.#pick(this.masks, start, stride),
          perceptualMasks: this.perceptualMasks.map((m) => this.#pick(m, start, stride)),
          direction,
          flowChannel: 3 + 2 * flowTypes(this.strides).indexOf(flowType),
          flow: rows(target.flow),
          maskFlow: rows(target.maskFlow),
          flowValueMax: this.flowValueMax.get(stride)!,
        },
      };
    });
  }

  dispose(): void {
    for (const t of [this.frames, this.masks, this.noise, ...this.perceptualMasks]) t.dispose();
    for (const { flow, maskFlow } of this.targets.values()) {
      flow.dispose();
      maskFlow.dispose();
    }
  }
}
