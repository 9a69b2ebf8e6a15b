/** Sequential as torch.nn.Sequential: children named '0', '1', ... run one after the other. */
import type { Tensor } from '../tensor.js';
import { Module } from './module.js';

export class Sequential extends Module {
  readonly #layers: Module[];

  constructor(...layers: Module[]) {
    super();
    this.#layers = layers.map((layer, index) => this.registerModule(String(index), layer));
  }

  get length(): number {
    return this.#layers.length;
  }

  /** The layer at index (negative counts from the end), or undefined. */
  at(index: number): Module | undefined {
    return this.#layers.at(index);
  }

  forward(x: Tensor): Tensor {
    return this.#layers.reduce((y, layer) => layer.call(y), x);
  }
}
