/**
 * The official release's layers are matched to ours in Torch7's module order: a container with a
 * stateless module first (an nngraph gModule's input nn.Identity) shifts every position by one and
 * still loads; a file with a layer missing is a StateDictMismatchError listing the keys.
 */
import { expect, it } from 'vitest';
import { StateDictMismatchError } from '../../../src/core/errors.js';
import { CompletionNetwork } from '../../../src/models/glcic/completion-network.js';
import { inTorch7ModuleOrder } from '../../../src/models/glcic/torch7-module-order.js';
import { completionWidth } from '../../../src/models/glcic/weights.js';
import type { StateDict } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';

/** The network's state as a file would hold it, every layer position moved by `shift`, without PyTorch's counters. */
function asFile(network: CompletionNetwork, shift: number): StateDict {
  return new Map([...network.stateDict()].filter(([key]) => !key.endsWith('num_batches_tracked')).map(([key, value]) => {
    const match = /^model\.(\d+)\.(.+)$/.exec(key);
    return [match ? `model.${Number(match[1]) + shift}.${match[2]}` : key, value];
  }));
}

describeWithEngine('GLCIC weights in Torch7 module order', () => {
  it('layers shifted by a stateless module load into the right layers', () => {
    const source = new CompletionNetwork({ width: 2 });
    const file = asFile(source, 1);
    expect(file.has('model.1.weight') && !file.has('model.0.weight')).toBe(true);
    expect(completionWidth(file)).toBe(2);
    const target = new CompletionNetwork({ width: 2 });
    target.loadStateDict(inTorch7ModuleOrder(file, target.stateDict()));
    for (const [key, value] of source.stateDict()) {
      expect(target.stateDict().get(key)!.sub(value).abs().amax().item(), key).toBe(0);
    }
  });

  it('a file with a layer missing lists the keys', () => {
    const file = asFile(new CompletionNetwork({ width: 2 }), 0);
    file.delete('model.48.weight');
    file.delete('model.48.bias');
    const target = new CompletionNetwork({ width: 2 });
    expect(() => target.loadStateDict(inTorch7ModuleOrder(file, target.stateDict()))).toThrow(StateDictMismatchError);
  });
});
