/**
 * Shape checks at a network's boundary, in the spirit of kornia's KORNIA_CHECK_SHAPE: each tensor
 * is compared with named dims (`['B', 5, 'H', 'W']`), a name binds on first sight and must agree
 * afterwards, so a wrong tensor is an InvalidInputError naming it and what was expected (exit 2,
 * HTTP 4xx) instead of a libtorch message from deep inside the network.
 *
 *   const shapes = new ShapeCheck('DeepFillGenerator');
 *   shapes.check('x', x, ['B', 5, 'H', 'W']);
 *   shapes.check('mask', mask, ['B|1', 1, 'H', 'W']);   // B, or 1 (broadcast)
 *   shapes.multipleOf(['H', 'W'], 8);
 */
import { InvalidInputError } from '../../core/errors.js';

/** A dim: a size, a name, or alternatives separated by '|' ('B|1'). */
export type Dim = number | string;

export class ShapeCheck {
  readonly #bound = new Map<string, number>();
  /** Where each name was bound, for the message. */
  readonly #boundBy = new Map<string, string>();

  /** @param owner what is checked (a network's name), the start of every message */
  constructor(readonly owner: string) {}

  /** Checks one tensor (anything with a shape); binds its named dims. Returns this. */
  check(name: string, tensor: { readonly shape: readonly number[] }, dims: readonly Dim[]): this {
    const { shape } = tensor;
    const fits = shape.length === dims.length && dims.every((dim, i) => this.#accepts(dim, shape[i]));
    if (!fits) {
      throw new InvalidInputError(`${this.owner} input ${name}`, `a tensor of shape [${dims.join(', ')}]${this.#known(dims)}`, `shape [${shape.join(', ')}]`);
    }
    dims.forEach((dim, i) => {
      const alternatives = String(dim).split('|');
      const size = shape[i];
      for (const alternative of alternatives) {
        if (isName(alternative) && !this.#bound.has(alternative) && !alternatives.some((other) => Number(other) === size)) {
          this.#bound.set(alternative, size);
          this.#boundBy.set(alternative, name);
        }
      }
    });
    return this;
  }

  /** Checks that the named (already bound) dims are multiples of `grid`. Returns this. */
  multipleOf(names: readonly string[], grid: number): this {
    for (const name of names) {
      const size = this.#bound.get(name);
      if (size !== undefined && size % grid !== 0) {
        throw new InvalidInputError(`${this.owner} input ${this.#boundBy.get(name)}`, `${name} a multiple of ${grid}`, `${name} = ${size}`);
      }
    }
    return this;
  }

  #accepts(dim: Dim, size: number): boolean {
    return String(dim).split('|').some((alternative) => {
      if (!isName(alternative)) return Number(alternative) === size;
      const bound = this.#bound.get(alternative);
      return bound === undefined || bound === size;
    });
  }

  /** " where H = 48 (from x)" for the names of dims already bound. */
  #known(dims: readonly Dim[]): string {
    const names = [...new Set(dims.flatMap((dim) => String(dim).split('|')).filter((name) => this.#bound.has(name)))];
    if (names.length === 0) return '';
    return ` where ${names.map((name) => `${name} = ${this.#bound.get(name)} (from ${this.#boundBy.get(name)})`).join(', ')}`;
  }
}

/** kornia's form for one tensor: throws InvalidInputError when `tensor` is not of shape `dims`. */
export function checkShape(tensor: { readonly shape: readonly number[] }, dims: readonly Dim[], name: string): void {
  new ShapeCheck('network').check(name, tensor, dims);
}

function isName(dim: string): boolean {
  return !/^\d+$/.test(dim);
}
