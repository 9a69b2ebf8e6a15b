/**
 * Learning-rate schedules as torch.optim.lr_scheduler's, for any optimizer whose paramGroups carry
 * an `lr` (SGD; Adam exposes its one group the same way). Each `step()` advances one epoch and
 * writes the new rates into the groups, with PyTorch's recursive ("chainable") formulas, so the
 * rates follow PyTorch's to rounding.
 */
import { InvalidOptionError } from '../../core/errors.js';

export interface ScheduledGroup {
  lr: number;
}

export interface SchedulableOptimizer {
  readonly paramGroups: readonly ScheduledGroup[];
}

export abstract class LRScheduler {
  /** Epochs stepped so far (PyTorch's last_epoch, 0 after construction). */
  lastEpoch = 0;
  readonly baseLrs: readonly number[];

  constructor(readonly optimizer: SchedulableOptimizer) {
    this.baseLrs = optimizer.paramGroups.map((group) => group.lr);
  }

  /** Advances one epoch and sets each group's lr. */
  step(): void {
    this.lastEpoch++;
    const rates = this.nextRates();
    this.optimizer.paramGroups.forEach((group, i) => (group.lr = rates[i]));
  }

  /** The rates now in the groups. */
  get lastLr(): number[] {
    return this.optimizer.paramGroups.map((group) => group.lr);
  }

  protected abstract nextRates(): number[];
}

/** lr * gamma every stepSize epochs. */
export class StepLR extends LRScheduler {
  constructor(optimizer: SchedulableOptimizer, readonly stepSize: number, readonly gamma = 0.1) {
    super(optimizer);
    if (!Number.isInteger(stepSize) || stepSize < 1) throw new InvalidOptionError('stepSize', 'an integer >= 1', stepSize);
  }

  protected nextRates(): number[] {
    const decay = this.lastEpoch % this.stepSize === 0;
    return this.optimizer.paramGroups.map((group) => (decay ? group.lr * this.gamma : group.lr));
  }
}

/** Cosine from the base rate down to etaMin over tMax epochs (then back up, as PyTorch's). */
export class CosineAnnealingLR extends LRScheduler {
  constructor(optimizer: SchedulableOptimizer, readonly tMax: number, readonly etaMin = 0) {
    super(optimizer);
    if (!Number.isInteger(tMax) || tMax < 1) throw new InvalidOptionError('tMax', 'an integer >= 1', tMax);
  }

  protected nextRates(): number[] {
    const { lastEpoch: e, tMax: t, etaMin } = this;
    return this.optimizer.paramGroups.map((group, i) => {
      if ((e - 1 - t) % (2 * t) === 0) return group.lr + ((this.baseLrs[i] - etaMin) * (1 - Math.cos(Math.PI / t))) / 2;
      return ((1 + Math.cos((Math.PI * e) / t)) / (1 + Math.cos((Math.PI * (e - 1)) / t))) * (group.lr - etaMin) + etaMin;
    });
  }
}

/** base lr * factor(epoch), one function for every group or one a group. */
export class LambdaLR extends LRScheduler {
  readonly #factors: ((epoch: number) => number)[];

  constructor(optimizer: SchedulableOptimizer, factor: ((epoch: number) => number) | readonly ((epoch: number) => number)[]) {
    super(optimizer);
    const count = optimizer.paramGroups.length;
    this.#factors = typeof factor === 'function' ? new Array(count).fill(factor) : [...factor];
    if (this.#factors.length !== count) throw new InvalidOptionError('factor', `one function or ${count} of them`, this.#factors.length);
  }

  protected nextRates(): number[] {
    return this.baseLrs.map((base, i) => base * this.#factors[i](this.lastEpoch));
  }
}
