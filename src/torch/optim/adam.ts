/**
 * Adam, run by libtorch's torch::optim::Adam: the same update as PyTorch's torch.optim.Adam
 * (weight decay added to the gradient, as there; not AdamW). One parameter group; step() is
 * synchronous.
 */
import { InvalidInputError, InvalidOptionError } from '../../core/errors.js';
import { tensor } from '../creation.js';
import { loadNative, type NativeAdam } from '../native.js';
import type { StateDict } from '../serialization/state-dict.js';
import { Tensor } from '../tensor.js';

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

  /**
   * The moment estimates and step count of each parameter that has taken a step, named as in
   * PyTorch's optimizer state (`state.{index}.exp_avg`, `exp_avg_sq`, `max_exp_avg_sq` with
   * amsgrad, and `step` as a one-element int64 tensor), for a checkpoint: copies.
   */
  stateDict(): StateDict {
    const out: StateDict = new Map();
    this.params.forEach((_, index) => {
      const state = this.optimizer.getState(index);
      if (!state) return;
      out.set(`state.${index}.step`, tensor(BigInt64Array.of(BigInt(state.step)), [1]));
      out.set(`state.${index}.exp_avg`, new Tensor(state.expAvg));
      out.set(`state.${index}.exp_avg_sq`, new Tensor(state.expAvgSq));
      if (state.maxExpAvgSq) out.set(`state.${index}.max_exp_avg_sq`, new Tensor(state.maxExpAvgSq));
    });
    return out;
  }

  /** Puts back what stateDict() gave (copied), so that training resumes where it stopped. */
  loadStateDict(dict: StateDict): void {
    for (const key of dict.keys()) {
      const match = /^state\.(\d+)\.(step|exp_avg|exp_avg_sq|max_exp_avg_sq)$/.exec(key);
      if (!match || Number(match[1]) >= this.params.length) {
        throw new InvalidInputError('Adam state', `keys state.N.step|exp_avg|exp_avg_sq|max_exp_avg_sq with N below ${this.params.length}`, key);
      }
    }
    this.params.forEach((_, index) => {
      const part = (name: string) => dict.get(`state.${index}.${name}`);
      const step = part('step'), expAvg = part('exp_avg'), expAvgSq = part('exp_avg_sq');
      if (!step && !expAvg && !expAvgSq) return;
      if (!step || !expAvg || !expAvgSq) {
        throw new InvalidInputError('Adam state', `step, exp_avg and exp_avg_sq for parameter ${index}`, 'only some of them');
      }
      this.optimizer.setState(index, Number(step.item()), expAvg.native, expAvgSq.native, part('max_exp_avg_sq')?.native);
    });
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
