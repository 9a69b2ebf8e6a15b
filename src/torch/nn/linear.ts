/** Linear as torch.nn.Linear: y = x W^T + b, weight [out, in], PyTorch's default initialisation. */
import { InvalidOptionError } from '../../core/errors.js';
import * as F from '../functional.js';
import type { Tensor } from '../tensor.js';
import { defaultUniform } from './init.js';
import { Module } from './module.js';

export class Linear extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  /** @param options.bias @default true */
  constructor(readonly inFeatures: number, readonly outFeatures: number, options: { bias?: boolean } = {}) {
    super();
    for (const [option, value] of [['inFeatures', inFeatures], ['outFeatures', outFeatures]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new InvalidOptionError(option, 'an integer >= 1', value);
    }
    this.weight = this.registerParameter('weight', defaultUniform([outFeatures, inFeatures], inFeatures));
    this.bias = this.registerParameter('bias', options.bias ?? true ? defaultUniform([outFeatures], inFeatures) : null);
  }

  forward(x: Tensor): Tensor {
    return F.linear(x, this.weight, this.bias);
  }
}
