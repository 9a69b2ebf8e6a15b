/**
 * BatchNorm2d as torch.nn.BatchNorm2d: `weight`, `bias` (affine), and the buffers
 * `running_mean`, `running_var`, `num_batches_tracked` (trackRunningStats). Training mode
 * normalises by the batch's statistics and updates the running ones in place with momentum
 * (or their cumulative average when momentum is null); evaluation mode uses the running ones.
 */
import { InvalidInputError, InvalidOptionError } from '../../core/errors.js';
import { ones, zeros } from '../creation.js';
import * as F from '../functional.js';
import { noGrad } from '../grad-mode.js';
import type { Tensor } from '../tensor.js';
import { Module } from './module.js';

export interface NormLayerOptions {
  /** @default 1e-5 */
  eps?: number;
  /** Weight of the newest batch in the running statistics; null: cumulative average. @default 0.1 */
  momentum?: number | null;
}

export interface BatchNormOptions extends NormLayerOptions {
  /** @default true */
  affine?: boolean;
  /** @default true */
  trackRunningStats?: boolean;
}

export class BatchNorm2d extends Module {
  readonly weight: Tensor | null;
  readonly bias: Tensor | null;
  readonly runningMean: Tensor | null;
  readonly runningVar: Tensor | null;
  readonly numBatchesTracked: Tensor | null;
  readonly eps: number;
  readonly momentum: number | null;

  constructor(readonly numFeatures: number, options: BatchNormOptions = {}) {
    super();
    checkNormOptions(numFeatures, options);
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum === undefined ? 0.1 : options.momentum;
    const affine = options.affine ?? true;
    this.weight = this.registerParameter('weight', affine ? ones([numFeatures]) : null);
    this.bias = this.registerParameter('bias', affine ? zeros([numFeatures]) : null);
    const track = options.trackRunningStats ?? true;
    this.runningMean = track ? this.registerBuffer('running_mean', zeros([numFeatures])) : null;
    this.runningVar = track ? this.registerBuffer('running_var', ones([numFeatures])) : null;
    this.numBatchesTracked = track ? this.registerBuffer('num_batches_tracked', zeros([], { dtype: 'int64' })) : null;
  }

  forward(x: Tensor): Tensor {
    checkImageBatch('BatchNorm2d input', x);
    let factor = this.momentum ?? 0;
    if (this.training && this.numBatchesTracked) {
      const count = increment(this.numBatchesTracked);
      if (this.momentum === null) factor = 1 / count;
    }
    const useRunning = !this.training || this.numBatchesTracked !== null;
    return F.batchNorm(x, useRunning ? this.runningMean : null, useRunning ? this.runningVar : null, {
      weight: this.weight,
      bias: this.bias,
      training: this.training || this.runningMean === null,
      momentum: factor,
      eps: this.eps,
    });
  }
}

/** Adds one to an int64 counter in place and returns its new value. */
function increment(counter: Tensor): number {
  return noGrad(() => {
    const next = counter.add(1);
    counter.copy_(next);
    next.dispose();
    return Number(counter.item());
  });
}

export function checkNormOptions(numFeatures: number, options: NormLayerOptions): void {
  if (!Number.isInteger(numFeatures) || numFeatures < 1) {
    throw new InvalidOptionError('numFeatures', 'an integer >= 1', numFeatures);
  }
  if (options.eps !== undefined && !(options.eps > 0)) throw new InvalidOptionError('eps', 'a number > 0', options.eps);
  const momentum = options.momentum;
  if (momentum !== undefined && momentum !== null && !(momentum >= 0 && momentum <= 1)) {
    throw new InvalidOptionError('momentum', 'a number in [0, 1] or null', momentum);
  }
}

export function checkImageBatch(input: string, x: Tensor): void {
  if (x.dim !== 4) throw new InvalidInputError(input, 'a [N, C, H, W] tensor', `[${x.shape.join(', ')}]`);
}
