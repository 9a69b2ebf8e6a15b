/**
 * SGD with parameter groups, as torch.optim.SGD (PyTorch 1.13's update): weight decay added to
 * the gradient, momentum buffer started from the first gradient, then buf = momentum * buf +
 * (1 - dampening) * grad, Nesterov optional; param -= lr * step. Written in TypeScript over the
 * tensor ops (no native optimizer needed); each group keeps its own options, and schedulers
 * (lr-scheduler.ts) change each group's `lr`.
 */
import { InvalidInputError, InvalidOptionError } from '../../core/errors.js';
import { noGrad } from '../grad-mode.js';
import { keep, tidy } from '../scope.js';
import type { StateDict } from '../serialization/state-dict.js';
import type { Tensor } from '../tensor.js';

export interface SGDOptions {
  /** @default 1e-3 */
  lr?: number;
  /** @default 0 */
  momentum?: number;
  /** @default 0 */
  dampening?: number;
  /** @default 0 */
  weightDecay?: number;
  /** @default false */
  nesterov?: boolean;
}

/** A group of parameters with its own options (those left out come from the optimizer's defaults). */
export interface ParamGroupInput extends SGDOptions {
  params: readonly Tensor[];
}

export interface SGDParamGroup extends Required<SGDOptions> {
  readonly params: readonly Tensor[];
  /** The lr the group started with, for schedulers (PyTorch's initial_lr). */
  readonly initialLr: number;
}

export class SGD {
  readonly paramGroups: SGDParamGroup[];
  readonly #buffers = new Map<Tensor, Tensor>();

  /** params: one list of tensors (one group) or groups with their own options. */
  constructor(params: readonly Tensor[] | readonly ParamGroupInput[], defaults: SGDOptions = {}) {
    const groups: ParamGroupInput[] = isGroupList(params) ? [...params] : [{ params }];
    this.paramGroups = groups.map((group, i) => {
      const options = {
        lr: group.lr ?? defaults.lr ?? 1e-3,
        momentum: group.momentum ?? defaults.momentum ?? 0,
        dampening: group.dampening ?? defaults.dampening ?? 0,
        weightDecay: group.weightDecay ?? defaults.weightDecay ?? 0,
        nesterov: group.nesterov ?? defaults.nesterov ?? false,
      };
      const where = `paramGroups[${i}]`;
      if (!(options.lr >= 0)) throw new InvalidOptionError(`${where}.lr`, 'a number >= 0', options.lr);
      if (!(options.momentum >= 0)) throw new InvalidOptionError(`${where}.momentum`, 'a number >= 0', options.momentum);
      if (!(options.weightDecay >= 0)) throw new InvalidOptionError(`${where}.weightDecay`, 'a number >= 0', options.weightDecay);
      if (options.nesterov && (options.momentum <= 0 || options.dampening !== 0)) {
        throw new InvalidOptionError(`${where}.nesterov`, 'momentum > 0 and dampening 0 with nesterov', options);
      }
      return { params: group.params, ...options, initialLr: options.lr };
    });
  }

  /** Updates every parameter that has a gradient. */
  step(): void {
    noGrad(() => {
      for (const group of this.paramGroups) {
        for (const param of group.params) {
          const grad = param.grad;
          if (!grad) continue;
          tidy(() => {
            let d = group.weightDecay !== 0 ? grad.add(param.mul(group.weightDecay)) : grad;
            if (group.momentum !== 0) {
              const previous = this.#buffers.get(param);
              const buffer = previous === undefined
                ? d.clone()
                : previous.mul(group.momentum).add(group.dampening === 0 ? d : d.mul(1 - group.dampening));
              previous?.dispose();
              this.#buffers.set(param, keep(buffer));
              d = group.nesterov ? d.add(buffer.mul(group.momentum)) : buffer;
            }
            param.copy_(param.sub(d.mul(group.lr)));
          });
          grad.dispose();
        }
      }
    });
  }

  /** Drops every parameter's gradient (PyTorch's zero_grad(set_to_none=True)). */
  zeroGrad(): void {
    for (const group of this.paramGroups) for (const param of group.params) param.clearGrad();
  }

  /**
   * The momentum buffers, named as in PyTorch's optimizer state (`state.{index}.momentum_buffer`,
   * parameters numbered across the groups in order), for a checkpoint: copies.
   */
  stateDict(): StateDict {
    const out: StateDict = new Map();
    this.#params().forEach((param, index) => {
      const buffer = this.#buffers.get(param);
      if (buffer) out.set(`state.${index}.momentum_buffer`, buffer.clone());
    });
    return out;
  }

  /** Puts back what stateDict() gave (copied), so that training resumes where it stopped. */
  loadStateDict(dict: StateDict): void {
    const params = this.#params();
    for (const [key, value] of dict) {
      const match = /^state\.(\d+)\.momentum_buffer$/.exec(key);
      const param = match ? params[Number(match[1])] : undefined;
      if (!param) throw new InvalidInputError('SGD state', `keys state.N.momentum_buffer with N below ${params.length}`, key);
      if (value.shape.join('x') !== param.shape.join('x')) {
        throw new InvalidInputError(`SGD state ${key}`, `shape ${param.shape.join('x')}`, value.shape.join('x'));
      }
      this.#buffers.get(param)?.dispose();
      this.#buffers.set(param, keep(value.clone()));
    }
  }

  /** Frees the momentum buffers. */
  dispose(): void {
    for (const buffer of this.#buffers.values()) buffer.dispose();
    this.#buffers.clear();
  }

  #params(): Tensor[] {
    return this.paramGroups.flatMap((group) => group.params);
  }
}

function isGroupList(params: readonly Tensor[] | readonly ParamGroupInput[]): params is readonly ParamGroupInput[] {
  return params.length > 0 && 'params' in params[0];
}
