/**
 * One internal-learning run on one clip, cut into short calls so that whoever drives it (the
 * network worker thread, or the calling thread when there is no build) reports progress and
 * checks for cancellation between them: the flows a pair of frames at a time, then the generator
 * and its optimiser (resumed from the checkpoint when there is one), a step at a time, last the
 * frames a generation batch at a time, as the official inference makes them (batches of 5
 * consecutive frames in training-mode batch norm, each frame from the batch that has it in the
 * middle), scaled back to the clip's size.
 */
import type { GrayPlane } from '../../classical/flow/gray-pyramid.js';
import { loadVggFeatures } from '../../losses/vgg-weights.js';
import type { VggFeatures } from '../../losses/vgg.js';
import { Adam, cat, manualSeed, noGrad, tidy, type Tensor } from '../../torch/index.js';
import { readCheckpoint, writeCheckpoint, type RunIdentity } from './checkpoint.js';
import { InternalClip, noiseMaps, type ClipFlowTargets } from './clip.js';
import { EncoderDecoder2D, officialConfig } from './encoder-decoder-2d.js';
import { prepareFlowTargets, type FlowTarget } from './flow-targets.js';
import { internalLosses, type InternalLossTerm } from './losses.js';
import { batchSchedule, type ScheduledBatch } from './schedule.js';
import { filledGray, flowTensor, masksTensor, toImage, type WorkingClip } from './working-clip.js';

export const BATCH_SIZE = 5;

export interface InternalRunRequest {
  /** The clip at the working size (at least BATCH_SIZE frames). */
  readonly clip: WorkingClip;
  /** The size the frames are given back at. */
  readonly outputWidth: number;
  readonly outputHeight: number;
  /** Strides the clip is long enough for, 1 among them. */
  readonly strides: readonly number[];
  readonly steps: number;
  readonly itersPerBatch: number;
  readonly depth: number;
  readonly lr: number;
  readonly seed: number;
  /** Each term's weight, 0 for a term left out. */
  readonly weights: Readonly<Record<InternalLossTerm, number>>;
  /** torchvision's vgg16 file, when the perceptual term is on. */
  readonly vgg?: string;
  readonly checkpoint?: string;
  readonly checkpointEvery: number;
}

/** The optimisation's state, once the flows are done. */
interface Optimisation {
  readonly clip: InternalClip;
  readonly net: EncoderDecoder2D;
  readonly optimizer: Adam;
  readonly vgg: VggFeatures | null;
  readonly schedule: ScheduledBatch[];
  readonly identity: RunIdentity;
  step: number;
}

export class InternalRun {
  /** The frame pairs (s, i) whose forward and backward flows are still to estimate, in order. */
  readonly #pairs: { stride: number; from: number }[];
  #planes: GrayPlane[] | undefined;
  /** The flows of the stride under way. */
  #forward: Tensor[] = [];
  #backward: Tensor[] = [];
  readonly #targets = new Map<string, FlowTarget>();
  readonly #flowValueMax = new Map<number, number>();
  #optimisation: Optimisation | undefined;

  constructor(readonly request: InternalRunRequest) {
    const count = request.clip.frames.length;
    this.#pairs = request.strides.flatMap((stride) => Array.from({ length: count - stride }, (_, from) => ({ stride, from })));
  }

  /** Flow pairs to estimate (each flowPair() does one). */
  get flowPairs(): number {
    return this.#pairs.length;
  }

  /** The forward and backward DIS flows of the next pair; a stride's last pair turns its flows into targets. */
  flowPair(): void {
    const pair = this.#pairs.shift();
    if (!pair) throw new Error('internal: every flow pair is done');
    const { clip } = this.request;
    this.#planes ??= filledGray(clip);
    this.#forward.push(flowTensor(this.#planes, pair.from, pair.from + pair.stride));
    this.#backward.push(flowTensor(this.#planes, pair.from + pair.stride, pair.from));
    if (this.#pairs[0]?.stride === pair.stride) return;
    const flows = this.#takeStrideFlows();
    const { targets, flowValueMax } = tidy(() => prepareFlowTargets(masksTensor(clip, clip.masks.map((_, t) => t)), new Map([[pair.stride, flows]])));
    flows.forward.dispose();
    flows.backward.dispose();
    for (const [type, target] of targets) this.#targets.set(type, target);
    this.#flowValueMax.set(pair.stride, flowValueMax.get(pair.stride)!);
    if (this.#pairs.length === 0) this.#planes = undefined;
  }

  #takeStrideFlows(): { forward: Tensor; backward: Tensor } {
    const flows = tidy(() => ({ forward: cat(this.#forward, 0), backward: cat(this.#backward, 0) }));
    for (const t of [...this.#forward, ...this.#backward]) t.dispose();
    this.#forward = [];
    this.#backward = [];
    return flows;
  }

  /** After the flows: the generator, its optimiser, the noise maps, from the checkpoint when there is one. Returns the step reached. */
  async prepare(): Promise<number> {
    if (this.#pairs.length > 0) throw new Error('internal: prepare() before the flows are done');
    const { clip, strides, depth, lr, seed, itersPerBatch } = this.request;
    const frameCount = clip.frames.length;
    manualSeed(seed);
    const net = new EncoderDecoder2D(officialConfig(3 + 4 * strides.length, depth));
    const optimizer = new Adam(net.parameters(), { lr });
    const identity: RunIdentity = {
      frames: String(frameCount), width: String(clip.width), height: String(clip.height), strides: strides.join(','),
      itersPerBatch: String(itersPerBatch), seed: String(seed), depth: String(depth),
    };
    const flowTargets: ClipFlowTargets = { targets: this.#targets, flowValueMax: this.#flowValueMax };
    let internalClip: InternalClip | undefined;
    try {
      const resumed = this.request.checkpoint ? await readCheckpoint(this.request.checkpoint, identity, net, optimizer) : undefined;
      internalClip = new InternalClip(clip, resumed?.noise ?? noiseMaps(frameCount, clip.height, clip.width), flowTargets, BATCH_SIZE);
      const vgg = this.request.vgg ? await loadVggFeatures(16, ['relu1_2', 'relu2_2', 'relu3_3'], this.request.vgg) : null;
      const schedule = batchSchedule(internalClip, this.request.steps, itersPerBatch, seed);
      const step = Math.min(resumed?.step ?? 0, this.request.steps);
      this.#optimisation = { clip: internalClip, net, optimizer, vgg, schedule, identity, step };
      return step;
    } catch (error) {
      // The clip, once made, owns the flow targets; before, dispose() frees them.
      internalClip?.dispose();
      if (internalClip) this.#targets.clear();
      net.dispose();
      throw error;
    }
  }

  #prepared(): Optimisation {
    if (!this.#optimisation) throw new Error('internal: the run is not prepared');
    return this.#optimisation;
  }

  /** One optimisation step, and the checkpoint when one is due; returns the loss. */
  async step(): Promise<number> {
    const o = this.#prepared();
    const { start, stride, flowType } = o.schedule[o.step]!;
    const loss = tidy(() => {
      const { noise, targets } = o.clip.batch(start, stride, flowType);
      o.optimizer.zeroGrad();
      const { total } = internalLosses(o.net.call(noise), targets, this.request.weights, o.vgg);
      total.backward();
      o.optimizer.step();
      return total.item() as number;
    });
    o.step += 1;
    const { checkpoint, checkpointEvery, steps } = this.request;
    if (checkpoint && (o.step % checkpointEvery === 0 || o.step === steps)) {
      await writeCheckpoint(checkpoint, o.step, o.identity, o.net, o.optimizer, o.clip.noise);
    }
    return loss;
  }

  /**
   * The frames generation batch `start` (frames start..start+4) gives, as RGB bytes of the output
   * size: batch i writes frames i+2.. (batch 0 all of its first three, the last batch its last
   * three), so frame j comes from batch min(j-2, T-5), where it sits in the middle when it can.
   * Called for start = 0, 1, ..., T-5, this gives every frame once, in order.
   */
  generate(start: number): Uint8Array[] {
    const o = this.#prepared();
    const count = o.clip.frameCount;
    const source = (j: number): number => (j < 2 ? 0 : Math.min(j - 2, count - BATCH_SIZE));
    const { outputWidth, outputHeight } = this.request;
    return noGrad(() => tidy(() => {
      const images = o.net.call(o.clip.noise.narrow(0, start, BATCH_SIZE)).narrow(1, 0, 3);
      const given: Uint8Array[] = [];
      for (let j = start; j < start + BATCH_SIZE; j++) {
        if (source(j) === start) given.push(toImage(images.narrow(0, j - start, 1).squeeze(0), outputWidth, outputHeight).rgb);
      }
      return given;
    }));
  }

  dispose(): void {
    for (const t of [...this.#forward, ...this.#backward]) t.dispose();
    const o = this.#optimisation;
    if (o) {
      o.vgg?.dispose();
      o.clip.dispose();
      o.net.dispose();
    } else {
      for (const { flow, valid, maskFlow } of this.#targets.values()) for (const t of [flow, valid, maskFlow]) t.dispose();
    }
  }
}
