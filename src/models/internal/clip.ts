/**
 * A clip prepared for internal learning, as the official InpaintingDataset holds it: frames,
 * masks, each frame's fixed noise map, the perceptual masks, and the flow targets of every stride.
 * `batch` cuts the batch the official get_batch_data cuts: `batchSize` frames `stride` apart, the
 * flows of one type. What is held for the whole clip is compact (8-bit frames, bool masks; the
 * noise and the flows stay float32, as the network reads them); a batch is made float as it is cut.
 */
import { cat, keep, rand, tidy, type Tensor } from '../../torch/index.js';
import type { FlowTarget } from './flow-targets.js';
import type { BatchTargets } from './losses.js';
import { perceptualMasks } from './perceptual-masks.js';
import { framesTensor, masksTensor, type WorkingClip } from './working-clip.js';

/** The official input: one channel of uniform noise times 0.1 (get_noise with input_ratio 0.1). */
export function noiseMaps(frameCount: number, height: number, width: number): Tensor {
  return tidy(() => rand([frameCount, 1, height, width]).mul(0.1));
}

/** The flow types in the network's output channels, in the official order: f1, b1, f3, b3, ... */
export function flowTypes(strides: readonly number[]): string[] {
  return strides.flatMap((s) => [`f${s}`, `b${s}`]);
}

/** prepareFlowTargets's result: targets by flow type, flowValueMax by stride. */
export interface ClipFlowTargets {
  readonly targets: ReadonlyMap<string, FlowTarget>;
  readonly flowValueMax: ReadonlyMap<number, number>;
}

/** Frames whose perceptual masks are made at once. */
const FRAMES_AT_A_TIME = 16;

export class InternalClip {
  readonly frameCount: number;
  readonly strides: number[];
  /** One bool [T, 1, h, w] a VGG tap. */
  readonly perceptualMasks: Tensor[];
  readonly targets: ReadonlyMap<string, FlowTarget>;
  readonly flowValueMax: ReadonlyMap<number, number>;

  /**
   * @param clip the frames (BGR, the official channel order, which the VGG16 term sees) and masks
   * @param noise [T, 1, H, W], the network's fixed inputs
   * @param flowTargets prepareFlowTargets of the clip's masks and flows, owned by the clip from now
   */
  constructor(
    readonly clip: WorkingClip,
    readonly noise: Tensor,
    flowTargets: ClipFlowTargets,
    readonly batchSize = 5,
  ) {
    this.frameCount = clip.frames.length;
    // A few frames at a time: the whole clip's float masks and convolutions at once would be
    // temporaries several times the bool masks kept.
    const chunks: Tensor[][] = [];
    for (let first = 0; first < this.frameCount; first += FRAMES_AT_A_TIME) {
      const indices = Array.from({ length: Math.min(FRAMES_AT_A_TIME, this.frameCount - first) }, (_, k) => first + k);
      chunks.push(tidy(() => perceptualMasks(masksTensor(clip, indices))));
    }
    this.perceptualMasks = chunks[0]!.map((_, tap) => keep(cat(chunks.map((chunk) => chunk[tap]!), 0)));
    for (const chunk of chunks) for (const t of chunk) t.dispose();
    ({ targets: this.targets, flowValueMax: this.flowValueMax } = flowTargets);
    this.strides = [...flowTargets.flowValueMax.keys()];
  }

  /** Frames start, start+stride, ... (batchSize of them). */
  #indices(start: number, stride: number): number[] {
    return Array.from({ length: this.batchSize }, (_, k) => start + k * stride);
  }

  /** Rows `indices` of x [T, ...], as float32. */
  #pick(x: Tensor, indices: readonly number[]): Tensor {
    return cat(indices.map((t) => x.narrow(0, t, 1)), 0).to({ dtype: 'float32' });
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
      const indices = this.#indices(start, stride);
      const direction = flowType[0] as 'f' | 'b';
      // The frames the flows start from: all but the last (forward) or the first (backward).
      const from = direction === 'f' ? indices.slice(0, -1) : indices.slice(1);
      return {
        noise: this.#pick(this.noise, indices),
        targets: {
          frames: framesTensor(this.clip, indices),
          masks: masksTensor(this.clip, indices),
          perceptualMasks: this.perceptualMasks.map((m) => this.#pick(m, indices)),
          direction,
          flowChannel: 3 + 2 * flowTypes(this.strides).indexOf(flowType),
          flow: cat([this.#pick(target.flow, from), this.#pick(target.valid, from)], 1),
          maskFlow: this.#pick(target.maskFlow, from),
          flowValueMax: this.flowValueMax.get(stride)!,
        },
      };
    });
  }

  dispose(): void {
    for (const t of [this.noise, ...this.perceptualMasks]) t.dispose();
    for (const { flow, valid, maskFlow } of this.targets.values()) {
      flow.dispose();
      valid.dispose();
      maskFlow.dispose();
    }
  }
}
