/**
 * Adam, run by libtorch's torch::optim::Adam: the same update as PyTorch's torch.optim.Adam
 * (weight decay added to the gradient, as there; not AdamW). One parameter group; step() is
 * synchronous.
 */
import { InvalidOptionError } from '../../core/errors.js';
import { loadNative, type NativeAdam } from '../native.js';
import type { Tensor } from '../tensor.js';

export interface AdamOptions {
  /** @default 1e-3 */
  lr?: number;
  /** @default [0.9, 0.999] */
  betas?: readonly [number, number];
  /** @default 1e-8 */
  eps?: number;
  /** @default 0 */
  weightDecay?: number;
  /** @default false */
  amsgrad?: boolean;
}

export class Adam {
  private readonly optimizer: NativeAdam;

  constructor(readonly params: readonly Tensor[], options: AdamOptions = {}) {
    const lr = options.lr ?? 1e-3;
    const [beta1, beta2] = options.betas ?? [0.9, 0.999];
    if (!(lr >= 0)) throw new InvalidOptionError('lr', 'a number >= 0', lr);
    for (const [name, beta] of [['betas[0]', beta1], ['betas[1]', beta2]] as const) {
      if (!(beta >= 0 && beta < 1)) throw new InvalidOptionError(name, 'a number in [0, 1)', beta);
    }
    this.optimizer = new (loadNative().Adam)(params.map((p) => p.native), lr, beta1, beta2,
      options.eps ?? 1e-8, options.weightDecay ?? 0, options.amsgrad ?? false);
  }

  /** Updates every parameter from its gradient. */
  step(): void {
    this.optimizer.step();
  }

  /** Zeroes every parameter's gradient. */
  zeroGrad(): void {
    this.optimizer.zeroGrad();
  }

  get lr(): number {
    return this.optimizer.lr;
  }
  /** Its one parameter group, whose lr a scheduler (lr-scheduler.ts) may set. */
  get paramGroups(): { lr: number }[] {
    const optimizer = this;
    return [{ get lr() { return optimizer.lr; }, set lr(value: number) { optimizer.lr = value; } }];
  }
  set lr(value: number) {
    if (!(value >= 0)) throw new InvalidOptionError('lr', 'a number >= 0', value);
    this.optimizer.lr = value;
  }
}
