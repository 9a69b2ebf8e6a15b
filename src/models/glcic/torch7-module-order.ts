/**
 * Torch7 names a module's state by the module's position in its container, and the official
 * release's container may hold stateless modules where ours does not (an nngraph gModule lists its
 * input node's nn.Identity among its modules). So the layers with state are matched in order, as
 * yangwangx's converter of the official weights does (convert_lua_pytorch.py copies the
 * convolutions and batch normalisations in order): the i-th module with state in the file feeds
 * the i-th of ours. Keys outside `model.` (the mean) pass through; a file with another number of
 * layers passes through unchanged, for loadStateDict to list what is missing or unexpected.
 */
import type { StateDict, Tensor } from '../../torch/index.js';

const PREFIX = 'model.';

/** The file's state dict with its layer positions renamed to ours (`own`: our model's state dict). */
export function inTorch7ModuleOrder(given: StateDict, own: StateDict): StateDict {
  const theirs = layersOf(given.keys());
  const ours = layersOf([...own.keys()].filter((key) => !key.endsWith('.num_batches_tracked')));
  if (theirs.length !== ours.length) return given;
  const rename = new Map(theirs.map((layer, index) => [layer, ours[index]]));
  const result: StateDict = new Map();
  for (const [key, value] of given) {
    const layer = layerOf(key);
    result.set(layer === undefined ? key : `${rename.get(layer)}${key.slice(layer.length)}`, value);
  }
  // PyTorch's batch-norm counter, which Torch7 does not have: ours, unchanged.
  for (const [key, value] of own) if (key.endsWith('.num_batches_tracked') && !result.has(key)) result.set(key, value as Tensor);
  return result;
}

/** `model.12` for `model.12.weight`; undefined for keys outside the model. */
function layerOf(key: string): string | undefined {
  return key.startsWith(PREFIX) ? key.slice(0, key.lastIndexOf('.')) : undefined;
}

/** The distinct layers of the keys, in Torch7's order (positions compared as numbers, level by level). */
export function layersOf(keys: Iterable<string>): string[] {
  const layers = [...new Set([...keys].map(layerOf).filter((layer): layer is string => layer !== undefined))];
  const positions = (layer: string): number[] => layer.slice(PREFIX.length).split('.').map(Number);
  return layers.sort((a, b) => {
    const [pa, pb] = [positions(a), positions(b)];
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
    return pa.length - pb.length;
  });
}
