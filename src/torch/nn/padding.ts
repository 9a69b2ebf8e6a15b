/** Padding layers as modules (torch.nn.ReflectionPad2d): they hold only their sizes. */
import * as F from '../functional.js';
import type { Tensor } from '../tensor.js';
import { Module } from './module.js';

/** Mirrors `padding` pixels on every side of an [N, C, H, W] batch, edge pixel not repeated. */
export class ReflectionPad2d extends Module {
  constructor(readonly padding: number) {
    super();
  }

  forward(x: Tensor): Tensor {
    const p = this.padding;
    return F.pad(x, [p, p, p, p], { mode: 'reflect' });
  }
}
