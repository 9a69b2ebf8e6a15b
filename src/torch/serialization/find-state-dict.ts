/** Picking the state dict out of a checkpoint that holds several things (`{'generator': ..., 'step': n}`). */
import { InvalidInputError } from '../../core/errors.js';
import type { Checkpoint, CheckpointValue } from './pth.js';
import type { StateDict } from './state-dict.js';

/** Names training scripts commonly give the model's state dict, when a checkpoint holds several. */
const CONVENTIONAL_NAMES = ['state_dict', 'model_state_dict', 'model', 'net'];

/**
 * The state dict stored under `key` (a top-level key, or a dotted path such as `models.generator`),
 * or without a key the only one, else the only top-level one, else the one under a conventional
 * name (state_dict, model_state_dict, model, net). Otherwise an error listing the candidates.
 */
export function findStateDict(checkpoint: Checkpoint, key?: string): StateDict {
  const candidates = stateDictsIn(checkpoint, []);
  const named = candidates.map((candidate) => candidate.path.join('.'));
  const listed = named.map((name) => name || '(the checkpoint itself)').join(', ');
  const choose = (expected: string): InvalidInputError =>
    new InvalidInputError('checkpoint', expected, candidates.length === 0 ? 'no state dict at all' : `state dicts under: ${listed}`);

  if (key !== undefined) {
    const found = candidates.find(
      (candidate) => candidate.path.join('.') === key || (candidate.path.length === 1 && candidate.path[0] === key),
    );
    if (!found) throw choose(`a state dict under ${JSON.stringify(key)}`);
    return found.stateDict;
  }
  if (candidates.length === 1) return candidates[0].stateDict;
  const shallowest = Math.min(...candidates.map((candidate) => candidate.path.length));
  const top = candidates.filter((candidate) => candidate.path.length === shallowest);
  if (top.length === 1) return top[0].stateDict;
  const conventional = top.filter((candidate) => CONVENTIONAL_NAMES.includes(candidate.path.at(-1) ?? ''));
  if (conventional.length === 1) return conventional[0].stateDict;
  throw choose('one state dict, or a key naming which');
}

function stateDictsIn(value: CheckpointValue, path: string[]): { path: string[]; stateDict: StateDict }[] {
  if (value instanceof Map) return [{ path, stateDict: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stateDictsIn(item, [...path, String(index)]));
  if (isCheckpointObject(value)) {
    return Object.entries(value).flatMap(([name, item]) => stateDictsIn(item, [...path, name]));
  }
  return [];
}

function isCheckpointObject(value: CheckpointValue): value is { [key: string]: CheckpointValue } {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
