/**
 * Loading DeepFill v2 weights: a PyTorch checkpoint as the port saves them ({'G': ..., 'D': ...,
 * ...}; the converted official `states_tf_places2.pth` holds 'G' only) or a safetensors file of the
 * generator's state dict (what `inpaint train` writes as `generator.safetensors`). The channel
 * width is read from the first layer, so reduced-width models load too.
 */
import { InvalidInputError } from '../../core/errors.js';
import { findStateDict, loadSafetensors, readPth, type StateDict } from '../../torch/index.js';
import { DeepFillGenerator } from './generator.js';

/** The generator's state dict from a .pth (key 'G' when there are several) or .safetensors file. */
export async function readGeneratorStateDict(path: string): Promise<StateDict> {
  if (path.endsWith('.safetensors')) return loadSafetensors(path);
  const checkpoint = await readPth(path);
  const hasG = checkpoint !== null && typeof checkpoint === 'object' && !(checkpoint instanceof Map) && !Array.isArray(checkpoint) && 'G' in checkpoint;
  return findStateDict(checkpoint, hasG ? 'G' : undefined);
}

/** The base width (cnum) of the generator a state dict belongs to: conv1 gives 2 * cnum / 2 outputs. */
export function generatorWidth(stateDict: StateDict): number {
  const first = stateDict.get('conv1.conv.weight');
  if (!first) {
    throw new InvalidInputError('weights', 'a DeepFill v2 generator state dict (with conv1.conv.weight)',
      `keys ${[...stateDict.keys()].slice(0, 5).join(', ')}${stateDict.size > 5 ? ', ...' : ''}`);
  }
  return first.shape[0];
}

/** A generator in evaluation mode with the weights of the file at path. */
export async function loadGenerator(path: string): Promise<DeepFillGenerator> {
  const stateDict = await readGeneratorStateDict(path);
  try {
    const generator = new DeepFillGenerator({ cnum: generatorWidth(stateDict) });
    generator.loadStateDict(stateDict);
    return generator.eval();
  } finally {
    for (const tensor of stateDict.values()) tensor.dispose();
  }
}
