/**
 * Deterministic memory: tensors made inside `tidy(fn)` are disposed when fn returns, except those
 * it returns (found in the returned value, an array or a plain object of them) and those passed to
 * `keep`. Scopes nest: what an inner scope returns belongs to the outer one.
 */
import { InvalidInputError } from '../core/errors.js';

/** What a scope can free: Tensor implements it. */
export interface Disposable {
  dispose(): void;
}

const scopes: Set<Disposable>[] = [];

/** Records a new tensor in the innermost open scope, if any. */
export function track(tensor: Disposable): void {
  scopes.at(-1)?.add(tensor);
}

/** Takes a tensor out of every open scope, so no scope disposes it. Returns it. */
export function keep<D extends Disposable>(tensor: D): D {
  for (const scope of scopes) scope.delete(tensor);
  return tensor;
}

/** Runs fn (synchronous: a scope cannot follow async work) and disposes what it left behind. */
export function tidy<R>(fn: () => R): R {
  const scope = new Set<Disposable>();
  scopes.push(scope);
  let result: R;
  try {
    result = fn();
  } catch (error) {
    scopes.pop();
    for (const tensor of scope) tensor.dispose();
    throw error;
  }
  scopes.pop();
  if (result instanceof Promise) {
    for (const tensor of scope) tensor.dispose();
    throw new InvalidInputError('tidy(fn)', 'a function that returns synchronously', 'a Promise');
  }
  const returned = new Set<Disposable>();
  collect(result, returned);
  const parent = scopes.at(-1);
  for (const tensor of scope) {
    if (!returned.has(tensor)) tensor.dispose();
    else parent?.add(tensor);
  }
  return result;
}

function collect(value: unknown, into: Set<Disposable>): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) collect(item, into);
  } else if (typeof (value as Disposable).dispose === 'function') {
    into.add(value as Disposable);
  }
}
