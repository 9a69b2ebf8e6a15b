/**
 * DeepFill v2's weights: the official releases it accepts and how to check state dicts against its
 * generator. The official TensorFlow weights (JiahuiYu/generative_inpainting v2.0.0) load as
 * nipponjo/deepfillv2-pytorch converted them for `networks_tf.py`, whose layer names ours carry:
 * `{'G': generator state dict}`. (The same repository's fine-tuned weights for `networks.py` use
 * other names and padding, and are not accepted.)
 */
import { InvalidInputError } from '../../core/errors.js';
import { compareStateDict, type StateDict } from '../../torch/index.js';
import type { NetworkWeights } from '../../weights/network-weights.js';
import { COMMON_NESTED_KEYS, type WeightRelease } from '../../weights/release.js';
import { DeepFillGenerator } from './generator.js';

/** The key the port saves its generator under, then the common ones. */
const GENERATOR_KEYS = ['G', ...COMMON_NESTED_KEYS];

const PORT_README = 'https://github.com/nipponjo/deepfillv2-pytorch#readme ("Download converted weights", for networks_tf.py)';

function portRelease(name: string, dataset: string, fileName: string): WeightRelease {
  return {
    name,
    description: `official DeepFill v2 weights trained on ${dataset}, converted to PyTorch by nipponjo`,
    publishedAt: PORT_README,
    files: [fileName],
    layout: { files: [{ subNetwork: 'generator', fileName, keys: ['G'] }] },
  };
}

export const deepFillV2Weights: NetworkWeights = {
  model: 'deepfillv2',
  releases: [
    portRelease('places2', 'Places2', 'states_tf_places2.pth'),
    portRelease('celebahq', 'CelebA-HQ', 'states_tf_celebahq.pth'),
  ],
  layout: { files: [{ subNetwork: 'generator', keys: GENERATOR_KEYS }] },
  check: (stateDicts) => {
    const stateDict = stateDicts.get('generator');
    if (!stateDict) throw new InvalidInputError('weights', 'a DeepFill v2 generator', 'no generator state dict');
    const generator = new DeepFillGenerator({ cnum: generatorWidth(stateDict) });
    try {
      compareStateDict(generator.stateDict(), stateDict);
    } finally {
      generator.dispose();
    }
  },
};

/** The base width (cnum) of the generator a state dict belongs to: conv1 gives 2 * cnum / 2 outputs. */
export function generatorWidth(stateDict: StateDict): number {
  const first = stateDict.get('conv1.conv.weight');
  if (!first) {
    throw new InvalidInputError('weights', 'a DeepFill v2 generator state dict (with conv1.conv.weight)',
      `keys ${[...stateDict.keys()].slice(0, 5).join(', ')}${stateDict.size > 5 ? ', ...' : ''}`);
  }
  return first.shape[0];
}
