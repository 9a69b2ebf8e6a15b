/**
 * Loading DeepFill v2 weights from whatever `--weights` names (src/weights/read-network-weights.ts):
 * a PyTorch checkpoint as the port saves them ({'G': ..., 'D': ..., ...}; the converted official
 * `states_tf_places2.pth` holds 'G' only), in the zip or the legacy format, a safetensors file of
 * the generator's state dict (what `inpaint train` writes as `generator.safetensors`), or a release
 * stored by `inpaint weights import`. The channel width is read from the first layer, so
 * reduced-width models load too.
 */
import type { StateDict } from '../../torch/index.js';
import { readNetworkWeights } from '../../weights/read-network-weights.js';
import { DeepFillGenerator } from './generator.js';
import { deepFillV2Weights, generatorWidth } from './releases.js';

/** The generator's state dict from a weights file or release folder. */
export async function readGeneratorStateDict(path: string): Promise<StateDict> {
  const stateDicts = await readNetworkWeights(path, deepFillV2Weights);
  return stateDicts.get('generator')!;
}

/** A generator in evaluation mode with the weights of the file or folder at path. */
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
