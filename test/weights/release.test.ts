/** readStateDicts: a file or a folder into state dicts by sub-network, following a CheckpointLayout. */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { readStateDicts, singleFileLayout, type CheckpointLayout } from '../../src/weights/release.js';
import { saveSafetensors, tensor } from '../../src/torch/index.js';
import { describeWithEngine } from '../torch/engine.js';
import { checkpointPath, expected, expectExactly } from '../torch/serialization/fixtures.js';

/** A release of two files, as EdgeConnect's: each official file name feeds one sub-network. */
const twoFiles: CheckpointLayout = {
  files: [
    { subNetwork: 'edge', fileName: 'EdgeModel_gen.pth', keys: ['generator'] },
    { subNetwork: 'inpainting', fileName: 'InpaintingModel_gen.pth', keys: ['generator'] },
  ],
};

const folder = mkdtempSync(join(tmpdir(), 'inpaint-release-'));
copyFileSync(checkpointPath('legacy_training.pth'), join(folder, 'EdgeModel_gen.pth'));
copyFileSync(checkpointPath('nested.pth'), join(folder, 'InpaintingModel_gen.pth'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describeWithEngine('readStateDicts', () => {
  it('one file: the state dict under the first key present, DataParallel\'s module. prefix dropped (legacy format)', async () => {
    const stateDicts = await readStateDicts(checkpointPath('legacy_training.pth'), singleFileLayout('generator'));
    const generator = stateDicts.get('generator')!;
    expect([...generator.keys()]).toEqual(Object.keys(expected.trained_generator));
    for (const [key, want] of Object.entries(expected.trained_generator)) expectExactly(generator.get(key)!, want, key);
  });

  it('one file with no key of the list: its only or obvious state dict (a bare one here)', async () => {
    const stateDicts = await readStateDicts(checkpointPath('small_net.pth'), singleFileLayout('generator', ['G']));
    expect([...stateDicts.get('generator')!.keys()]).toEqual(expected.small_net_keys);
  });

  it('the prefix is kept when asked, and when not every key has it', async () => {
    const kept = await readStateDicts(checkpointPath('legacy_training.pth'), { ...singleFileLayout('generator'), stripModulePrefix: false });
    expect([...kept.get('generator')!.keys()][0]).toBe('module.0.weight');
  });

  it('a folder of a multi-file release: each official file feeds its sub-network', async () => {
    const stateDicts = await readStateDicts(folder, twoFiles);
    expect([...stateDicts.keys()]).toEqual(['edge', 'inpainting']);
    expect([...stateDicts.get('edge')!.keys()]).toEqual(Object.keys(expected.trained_generator));
    for (const [key, want] of Object.entries(expected.generator)) expectExactly(stateDicts.get('inpainting')!.get(key)!, want, key);
  });

  it('one file of ours for a multi-file release: each sub-network under its name (edge.*, inpainting.*)', async () => {
    const path = join(folder, 'generator.safetensors');
    await saveSafetensors(path, new Map([['edge.conv.weight', tensor([1, 2])], ['inpainting.conv.weight', tensor([3])], ['inpainting.conv.bias', tensor([4])]]));
    const stateDicts = await readStateDicts(path, twoFiles);
    expect([...stateDicts.get('edge')!.keys()]).toEqual(['conv.weight']);
    expect([...stateDicts.get('inpainting')!.keys()]).toEqual(['conv.weight', 'conv.bias']);
    expect(Array.from(stateDicts.get('inpainting')!.get('conv.bias')!.toArray() as Float32Array)).toEqual([4]);
    // A sub-network missing, or a key of none: not such a file.
    await saveSafetensors(path, new Map([['edge.conv.weight', tensor([1, 2])], ['other.weight', tensor([3])]]));
    await expect(readStateDicts(path, twoFiles)).rejects.toThrow(/one file of ours holding each under its name/);
  });

  it('a folder missing one of the files, or one file of a multi-file release: an error naming the files', async () => {
    const partial = mkdtempSync(join(tmpdir(), 'inpaint-release-'));
    copyFileSync(checkpointPath('nested.pth'), join(partial, 'InpaintingModel_gen.pth'));
    try {
      await expect(readStateDicts(partial, twoFiles)).rejects.toThrow(InvalidInputError);
      await expect(readStateDicts(partial, twoFiles)).rejects.toThrow(/EdgeModel_gen\.pth and InpaintingModel_gen\.pth.*without EdgeModel_gen\.pth/);
      await expect(readStateDicts(join(partial, 'InpaintingModel_gen.pth'), twoFiles)).rejects.toThrow(/a folder holding EdgeModel_gen\.pth and InpaintingModel_gen\.pth/);
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  });

  it('a path that is not there: an error naming it', async () => {
    await expect(readStateDicts(join(folder, 'nothing.pth'), singleFileLayout('generator'))).rejects.toThrow(/nothing\.pth: expected a weights file or folder/);
  });
});
