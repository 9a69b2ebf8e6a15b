/**
 * InstanceNorm2d as torch.nn.InstanceNorm2d, with PyTorch's defaults: no affine parameters and
 * no running statistics. With trackRunningStats the buffers `running_mean`, `running_var` and
 * `num_batches_tracked` exist (the counter is stored but, as in PyTorch, not advanced), training
 * mode updates the running statistics and evaluation mode normalises by them.
 */
import { ones, zeros } from '../creation.js';
import * as F from '../functional.js';
import type { Tensor } from '../tensor.js';
import { checkImageBatch, checkNormOptions, type NormLayerOptions } from './batch-norm.js';
import { Module } from './module.js';

export interface InstanceNormOptions extends Omit<NormLayerOptions, 'momentum'> {
  /** Weight of the newest batch in the running statistics. @default 0.1 */
  momentum?: number;
  /** @default false */
  affine?: boolean;
  /** @default false */
  trackRunningStats?: boolean;
}

export class InstanceNorm2d extends Module {
  readonly weight: Tensor | null;
  readonly bias: Tensor | null;
  readonly runningMean: Tensor | null;
  readonly runningVar: Tensor | null;
  readonly eps: number;
  readonly momentum: number;

  constructor(readonly numFeatures: number, options: InstanceNormOptions = {}) {
    super();
    checkNormOptions(numFeatures, options);
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum ?? 0.1;
    const affine = options.affine ?? false;
    this.weight = this.registerParameter('weight', affine ? ones([numFeatures]) : null);
    this.bias = this.registerParameter('bias', affine ? zeros([numFeatures]) : null);
    const track = options.trackRunningStats ?? false;
    this.runningMean = track ? this.registerBuffer('running_mean', zeros([numFeatures])) : null;
    this.runningVar = track ? this.registerBuffer('running_var', ones([numFeatures])) : null;
    if (track) this.registerBuffer('num_batches_tracked', zeros([], { dtype: 'int64' }));
  }

  forward(x: Tensor): Tensor {
    checkImageBatch('InstanceNorm2d input', x);
    return F.instanceNorm(x, {
      runningMean: this.runningMean,
      runningVar: this.runningVar,
      weight: this.weight,
      bias: this.bias,
      useInputStats: this.training || this.runningMean === null,
      momentum: this.momentum,
      eps: this.eps,
    });
  }
}
