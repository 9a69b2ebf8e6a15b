/** Reading torch.save checkpoints: exact values, nested checkpoints, refusals and damaged files. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError, UnsafeCheckpointError } from '../../../src/core/errors.js';
import { findStateDict, readPth, tidy, type StateDict } from '../../../src/torch/index.js';
import { describeWithEngine } from '../engine.js';
import { checkpointPath, expected, expectExactly } from './fixtures.js';

function expectStateDict(actual: StateDict, want: typeof expected.small_net): void {
  expect([...actual.keys()]).toEqual(Object.keys(want));
  for (const [key, value] of actual) expectExactly(value, want[key], key);
}

describeWithEngine('readPth', () => {
  it('a state dict of a conv net: keys in order and every value exact (float16, float64, int64, int32, uint8, bool, transposed, offset view, scalar)', async () => {
    const checkpoint = await readPth(checkpointPath('small_net.pth'));
    expect(checkpoint).toBeInstanceOf(Map);
    const stateDict = checkpoint as StateDict;
    expect([...stateDict.keys()]).toEqual(expected.small_net_keys);
    expectStateDict(stateDict, expected.small_net);
    tidy(() => [...stateDict.values()].forEach((t) => t.dispose()));
  });

  it('the non-contiguous (transposed) buffer comes back in row-major order of its own shape', async () => {
    const stateDict = (await readPth(checkpointPath('small_net.pth'))) as StateDict;
    const transposed = stateDict.get('transposed')!;
    expect(transposed.shape).toEqual([4, 3]);
    // base = arange(12).reshape(3, 4) / 8, transposed: row r holds base[:, r]
    expect(Array.from(transposed.toArray() as Float32Array).slice(0, 3)).toEqual([0, 4 / 8, 8 / 8]);
    expect(Array.from(stateDict.get('offset_view')!.toArray() as Float32Array)).toEqual([3, 4, 5, 6]);
  });

  it('reads the same archive from bytes as from a path', async () => {
    const stateDict = (await readPth(new Uint8Array(readFileSync(checkpointPath('small_net.pth'))))) as StateDict;
    expectStateDict(stateDict, expected.small_net);
  });

  it('reads an archive whose entries are deflated (rezipped by another tool)', async () => {
    const stateDict = (await readPth(checkpointPath('small_net_deflated.pth'))) as StateDict;
    expectStateDict(stateDict, expected.small_net);
  });

  it('a nested checkpoint: state dicts become Maps, numbers, strings, tuples and None plain values', async () => {
    const checkpoint = await readPth(checkpointPath('nested.pth'));
    expect(checkpoint).not.toBeInstanceOf(Map);
    const object = checkpoint as Record<string, unknown>;
    expect(object.step).toBe(7);
    expect(object.config).toEqual({ width: 48, lr: 1e-4, name: 'deepfill', sizes: [256, 256], ema: null });
    expectStateDict(object.generator as StateDict, expected.generator);
    expectStateDict(object.discriminator as StateDict, expected.discriminator);
  });

  it('findStateDict picks by key, and without one lists the candidates when there are several', async () => {
    const checkpoint = await readPth(checkpointPath('nested.pth'));
    expectStateDict(findStateDict(checkpoint, 'discriminator'), expected.discriminator);
    expect(() => findStateDict(checkpoint)).toThrow(InvalidInputError);
    expect(() => findStateDict(checkpoint)).toThrow(/generator, discriminator/);
    expect(() => findStateDict(checkpoint, 'encoder')).toThrow(/"encoder".*generator, discriminator/);
  });

  it('findStateDict returns a bare state dict as it is, and the only one of a checkpoint', async () => {
    const stateDict = (await readPth(checkpointPath('small_net.pth'))) as StateDict;
    expect(findStateDict(stateDict)).toBe(stateDict);
    expect(findStateDict({ model: stateDict, epoch: 3 })).toBe(stateDict);
    expect(findStateDict({ model: stateDict, optimizer: { state: { 0: new Map() } } })).toBe(stateDict);
  });
});

// The refusals happen while reading the pickle, before any tensor exists: no engine needed.
describe('readPth refuses a checkpoint that would run code', () => {
  beforeAll(() => rmSync(expected.marker, { force: true }));

  it.each([
    ['malicious_os_system.pth', 'os.system'],
    ['malicious_exec.pth', 'builtins.exec'],
    ['malicious_load_from_bytes.pth', 'torch.storage._load_from_bytes'],
  ])('%s: UnsafeCheckpointError naming %s, and nothing ran', async (file, global) => {
    const reading = readPth(checkpointPath(file));
    await expect(reading).rejects.toThrow(UnsafeCheckpointError);
    await expect(reading).rejects.toThrow(
      `checkpoint refers to ${global}, which a checkpoint must not need: refusing to run code`,
    );
    await expect(reading).rejects.toMatchObject({ global });
    expect(existsSync(expected.marker)).toBe(false);
  });
});

describeWithEngine('readPth in the legacy (pre-1.6) format', () => {
  it('the conv net\'s state dict: the same keys and exact values as the zip format', async () => {
    const stateDict = (await readPth(checkpointPath('legacy.pth'))) as StateDict;
    expect([...stateDict.keys()]).toEqual(expected.small_net_keys);
    expectStateDict(stateDict, expected.small_net);
  });

  it('a training checkpoint: module.-prefixed weights, an Adam state whose param groups hold None, booleans and a tuple', async () => {
    const checkpoint = (await readPth(checkpointPath('legacy_training.pth'))) as Record<string, unknown>;
    expect(checkpoint.step).toBe(3);
    const generator = checkpoint.generator as StateDict;
    expect([...generator.keys()]).toEqual(Object.keys(expected.trained_generator).map((key) => `module.${key}`));
    for (const [key, want] of Object.entries(expected.trained_generator)) expectExactly(generator.get(`module.${key}`)!, want, key);

    const optimizer = checkpoint.optimizer as { param_groups: unknown[]; state: Record<string, StateDict> };
    expect(optimizer.param_groups).toEqual(expected.optimizer.param_groups);
    expect(optimizer.param_groups[0]).toMatchObject({ betas: [0.5, 0.999], amsgrad: false, foreach: null });
    expect(Object.keys(optimizer.state)).toEqual(['0', '1', '2', '3']);
    for (const [index, entries] of Object.entries(expected.optimizer.state)) {
      for (const [name, want] of Object.entries(entries)) expectExactly(optimizer.state[index].get(name)!, want, `${index}.${name}`);
    }
  });

  it.each([60, 300, 2000, 3000])('a legacy checkpoint cut to %i bytes: InvalidInputError saying truncated', async (length) => {
    const bytes = new Uint8Array(readFileSync(checkpointPath('legacy.pth'))).subarray(0, length);
    await expect(readPth(bytes)).rejects.toThrow(InvalidInputError);
    await expect(readPth(bytes)).rejects.toThrow(/truncated/);
  });
});

describeWithEngine('readPth in the tar format (PyTorch before 0.4)', () => {
  it('a state dict (a transposed view, a view at offset 3, int64, float64): exact values', async () => {
    const stateDict = (await readPth(checkpointPath('tar.pth'))) as StateDict;
    const keys = ['conv.weight', 'transposed', 'offset_view', 'counts', 'float64'];
    expect([...stateDict.keys()]).toEqual(keys);
    for (const key of keys) expectExactly(stateDict.get(key)!, expected.small_net[key], key);
  });

  it.each([600, 2000, 3300, 4200])('cut to %i bytes: InvalidInputError saying truncated', async (length) => {
    const bytes = new Uint8Array(readFileSync(checkpointPath('tar.pth'))).subarray(0, length);
    await expect(readPth(bytes)).rejects.toThrow(InvalidInputError);
    await expect(readPth(bytes)).rejects.toThrow(/truncated|without/);
  });
});

describeWithEngine('readPth on files it cannot read', () => {

  it.each([100, 2000, 5000])('a checkpoint cut to %i bytes: InvalidInputError saying truncated', async (length) => {
    const bytes = new Uint8Array(readFileSync(checkpointPath('small_net.pth'))).subarray(0, length);
    await expect(readPth(bytes)).rejects.toThrow(InvalidInputError);
    await expect(readPth(bytes)).rejects.toThrow(/truncated/);
  });

  it('an empty file: InvalidInputError', async () => {
    await expect(readPth(new Uint8Array(0))).rejects.toThrow(InvalidInputError);
  });

  it('a missing file: the file system error', async () => {
    await expect(readPth(checkpointPath('no-such.pth'))).rejects.toThrow(/ENOENT/);
  });
});
