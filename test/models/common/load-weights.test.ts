/** loadWeights: strict loading into fresh modules, every one of them disposed when one state dict does not fit. */
import { expect, it } from 'vitest';
import { StateDictMismatchError } from '../../../src/core/errors.js';
import { loadWeights } from '../../../src/models/common/load-weights.js';
import { nn } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';

describeWithEngine('loadWeights', () => {
  it('loads each state dict into its module', () => {
    const [a, b] = [new nn.Conv2d(1, 2, 3), new nn.Conv2d(2, 1, 1)];
    const [sourceA, sourceB] = [new nn.Conv2d(1, 2, 3), new nn.Conv2d(2, 1, 1)];
    loadWeights([a, sourceA.stateDict()], [b, sourceB.stateDict()]);
    expect(a.stateDict().get('weight')!.sub(sourceA.stateDict().get('weight')!).abs().amax().item()).toBe(0);
    expect(b.stateDict().get('bias')!.sub(sourceB.stateDict().get('bias')!).abs().amax().item()).toBe(0);
    for (const m of [a, b, sourceA, sourceB]) m.dispose();
  });

  it('a state dict that does not fit: the mismatch error, and every module disposed (the one loaded first too)', () => {
    const [a, b] = [new nn.Conv2d(1, 2, 3), new nn.Conv2d(2, 1, 1)];
    const [sourceA, wrongForB] = [new nn.Conv2d(1, 2, 3), new nn.Conv2d(3, 1, 1)];
    const tensors = [...a.stateDict().values(), ...b.stateDict().values()];
    expect(() => loadWeights([a, sourceA.stateDict()], [b, wrongForB.stateDict()])).toThrow(StateDictMismatchError);
    expect(tensors.every((t) => t.isDisposed)).toBe(true);
    sourceA.dispose();
    wrongForB.dispose();
  });
});
