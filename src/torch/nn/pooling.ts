/** Pooling layers as torch.nn's: they hold only their sizes. */
import * as F from '../functional.js';
import type { Tensor } from '../tensor.js';
import { Module } from './module.js';

export class MaxPool2d extends Module {
  constructor(
    readonly kernelSize: F.Size,
    readonly options: F.MaxPoolOptions = {},
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return F.maxPool2d(x, this.kernelSize, this.options);
  }
}

export class AvgPool2d extends Module {
  constructor(
    readonly kernelSize: F.Size,
    readonly options: F.AvgPoolOptions = {},
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return F.avgPool2d(x, this.kernelSize, this.options);
  }
}
