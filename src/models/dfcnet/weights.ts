/**
 * DFC-Net weights as the authors publish them: resnet101_movie.pth is torch.save of
 * {'n_iter', 'model': the state dict of nn.DataParallel(Flow_Branch(33, 2))}, every key prefixed
 * `module.` (tools/test_scripts.py wraps the network before utils/io.load_ckpt). The block counts,
 * channels and head are read off the keys, so the ResNet-50 stage models load as well.
 */
import { InvalidInputError } from '../../core/errors.js';
import type { StateDict } from '../../torch/index.js';
import { readStateDicts, singleFileLayout } from '../../weights/release.js';
import { DfcNet, type DfcNetConfig } from './dfc-resnet.js';

/** The network a state dict (without `module.`) is for. */
export function dfcConfigOf(stateDict: StateDict, source: string): DfcNetConfig {
  const blocks = [1, 2, 3, 4].map((layer) => {
    const indices = [...stateDict.keys()]
      .map((key) => new RegExp(`^layer${layer}\\.(\\d+)\\.`).exec(key))
      .filter((match) => match !== null)
      .map((match) => Number(match[1]));
    return indices.length === 0 ? 0 : Math.max(...indices) + 1;
  });
  const conv1 = stateDict.get('conv1.weight');
  const multi = stateDict.has('layer5.conv3.weight');
  const head = stateDict.get(multi ? 'layer5.conv3.weight' : 'layer5.conv1.weight');
  if (blocks.includes(0) || conv1 === undefined || head === undefined) {
    throw new InvalidInputError(source, 'DFC-Net weights (conv1, layer1-4, layer5 of models/resnet_models.py ResNet)',
      `keys ${[...stateDict.keys()].slice(0, 4).join(', ')}, ...`);
  }
  return {
    layers: blocks as unknown as DfcNetConfig['layers'],
    inChannels: conv1.shape[1],
    outChannels: head.shape[0],
    head: multi ? 'multi-scale' : 'single-scale',
  };
}

/** A DFC-Net in eval mode with the weights of `path` (a release .pth, or a .safetensors). */
export async function loadDfcNet(path: string): Promise<DfcNet> {
  const stateDict = (await readStateDicts(path, singleFileLayout('dfcnet', ['model']))).get('dfcnet')!;
  const net = new DfcNet(dfcConfigOf(stateDict, path));
  net.loadStateDict(withBatchCounters(stateDict, net.stateDict()));
  return net.eval();
}

/**
 * PyTorch 0.4.0, which the authors used, had no `num_batches_tracked`; PyTorch loads such files
 * with the counters at 0, and so does this (only those keys: any other missing key still fails).
 */
function withBatchCounters(stateDict: StateDict, own: StateDict): StateDict {
  const completed = new Map(stateDict);
  for (const [key, t] of own) if (key.endsWith('.num_batches_tracked') && !completed.has(key)) completed.set(key, t);
  return completed;
}
