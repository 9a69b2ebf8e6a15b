import { expect, it } from 'vitest';
import { flattenCheckpoint } from '../../../src/torch/serialization/flatten-checkpoint.js';
import { tensor } from '../../../src/torch/index.js';
import { describeWithEngine } from '../engine.js';

describeWithEngine('flattenCheckpoint', () => {
  it('joins nested names with dots; a Lua table of numbers becomes a 1-D tensor', () => {
    const weight = tensor([1, 2]);
    const flat = flattenCheckpoint({ model: new Map([['0.weight', weight]]), mean: { 1: 0.25, 2: 0.5, 3: 0.75 }, name: 'x' });
    expect([...flat.keys()]).toEqual(['model.0.weight', 'mean']);
    expect(flat.get('model.0.weight')).toBe(weight);
    expect([...(flat.get('mean')!.toArray() as Float32Array)]).toEqual([0.25, 0.5, 0.75]);
  });
});
