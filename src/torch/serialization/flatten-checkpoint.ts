/**
 * A whole checkpoint as one state dict, its nested names joined by dots: what a release that keeps
 * more than a module's state in one file needs (Torch7's `{model = nn module, mean = tensor}` gives
 * `model.0.weight`, ..., `mean`). A table of numbers alone (a Lua table `{0.46, 0.45, 0.42}`, read
 * as keys '1', '2', '3') becomes a 1-D float tensor in key order.
 */
import { tensor } from '../creation.js';
import { Tensor } from '../tensor.js';
import type { Checkpoint, CheckpointValue } from './pth.js';
import type { StateDict } from './state-dict.js';

export function flattenCheckpoint(checkpoint: Checkpoint): StateDict {
  const result: StateDict = new Map();
  const visit = (value: CheckpointValue, name: string): void => {
    const dotted = (key: string): string => (name ? `${name}.${key}` : key);
    if (value instanceof Tensor) {
      result.set(name, value);
    } else if (value instanceof Map) {
      for (const [key, item] of value) result.set(dotted(key), item);
    } else if (Array.isArray(value) || (typeof value === 'object' && value !== null && !(value instanceof Uint8Array))) {
      const entries = Object.entries(value);
      const numbers = entries.map(([, item]) => item).filter((item): item is number => typeof item === 'number');
      if (entries.length > 0 && numbers.length === entries.length) {
        result.set(name, tensor(numbers));
      } else {
        for (const [key, item] of entries) visit(item, dotted(key));
      }
    }
  };
  visit(checkpoint, '');
  return result;
}
