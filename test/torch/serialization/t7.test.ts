/** Reading Torch7 .t7 files (fixtures written by make_t7.py, laid out as torch7's File.lua writes them). */
import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { it } from 'vitest';
import { InvalidInputError } from '../../../src/core/errors.js';
import { readCheckpoint, type StateDict, type Tensor } from '../../../src/torch/index.js';
import { readT7 } from '../../../src/torch/serialization/t7.js';
import { describeWithEngine } from '../engine.js';
import { checkpointPath, expectExactly, type ExpectedTensor } from './fixtures.js';

const expected = JSON.parse(readFileSync(checkpointPath('expected_t7.json'), 'utf8')) as {
  sequential: Record<string, ExpectedTensor>;
  glcic_like: Record<string, ExpectedTensor>;
  mean: number[];
};

describeWithEngine('readCheckpoint on Torch7 .t7 files', () => {
  it('an nn.Sequential (convolutions plain, dilated and full, batch norm, a nested Sequential): PyTorch\'s state dict names, exact values', async () => {
    const stateDict = (await readCheckpoint(checkpointPath('sequential.t7'))) as StateDict;
    expect(stateDict).toBeInstanceOf(Map);
    expect([...stateDict.keys()]).toEqual(Object.keys(expected.sequential));
    for (const [key, want] of Object.entries(expected.sequential)) expectExactly(stateDict.get(key)!, want, key);
  });

  it('a table {model = nngraph gModule, mean} as GLCIC releases it: the graph\'s cycle and function passed over, the mean a tensor', async () => {
    const checkpoint = (await readCheckpoint(checkpointPath('glcic_like.t7'))) as { model: StateDict; mean: Tensor };
    expect([...checkpoint.model.keys()]).toEqual(['0.weight', '0.bias']);
    for (const [key, want] of Object.entries(expected.glcic_like)) expectExactly(checkpoint.model.get(key)!, want, key);
    expect(Array.from(checkpoint.mean.toArray() as Float32Array)).toEqual(expected.mean.map(Math.fround));
  });
});

describe('readT7 on damaged and hostile files', () => {
  const bytes = new Uint8Array(readFileSync(checkpointPath('sequential.t7')));

  it.each([8, 100, 1000, 9000])('cut to %i bytes: InvalidInputError saying truncated', (length) => {
    expect(() => readT7(bytes.subarray(0, length), 'cut.t7')).toThrow(InvalidInputError);
    expect(() => readT7(bytes.subarray(0, length), 'cut.t7')).toThrow(/truncated/);
  });

  it('tables nested 100000 deep: refused, no stack overflow', () => {
    const depth = 100_000;
    // table #i of one entry, key true, value the next table; nil at the bottom
    const nested = new Int32Array(depth * 5 + 1);
    for (let i = 0; i < depth; i++) nested.set([3, i + 1, 1, 5, 1], i * 5);
    expect(() => readT7(new Uint8Array(nested.buffer), 'deep.t7')).toThrow(/nested more than 1000 deep/);
  });

  it('a table of two billion entries in a few bytes: refused before reading them', () => {
    const table = new Uint8Array(new Int32Array([3, 1, 2_000_000_000]).buffer);
    expect(() => readT7(table, 'wide.t7')).toThrow(/a table of 2000000000 entries/);
  });
});
