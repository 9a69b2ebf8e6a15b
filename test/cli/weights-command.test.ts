/** inpaint weights: the releases listed, import checking keys and shapes, --weights NAME finding a stored release. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deepFillV2 } from '../../src/models/deepfill/network.js';
import { readStateDicts } from '../../src/weights/release.js';
import { loadSafetensors, saveSafetensors, tensor } from '../../src/torch/index.js';
import { describeWithEngine } from '../torch/engine.js';
import { runInpaintHere as inpaint, useTempFolder, writeBoxMask, writePhoto } from './fixtures.js';

const tempFolder = useTempFolder();
const deepFillWeights = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'models', 'deepfill', 'weights.pth');

describe('inpaint weights (the list)', () => {
  it('every network with its official releases (name, where published, files, layout) and an empty folder', async () => {
    const folder = await tempFolder();
    const result = await inpaint(['weights', '--weights-dir', folder, '--json']);
    expect(result.status).toBe(0);
    const listed = JSON.parse(result.out) as { folder: string; networks: { model: string; releases: { name: string; files: string[]; publishedAt: string; layout: string }[]; installed: unknown[] }[] };
    expect(listed.folder).toBe(folder);
    const deepfill = listed.networks.find((network) => network.model === 'deepfillv2')!;
    expect(deepfill.releases.map((release) => [release.name, release.files])).toEqual([
      ['places2', ['states_tf_places2.pth']],
      ['celebahq', ['states_tf_celebahq.pth']],
    ]);
    expect(deepfill.releases[0].publishedAt).toMatch(/github\.com\/nipponjo\/deepfillv2-pytorch/);
    expect(deepfill.releases[0].layout).toBe('states_tf_places2.pth -> generator (under key G)');
    expect(deepfill.installed).toEqual([]);

    const text = await inpaint(['weights', '--weights-dir', folder]);
    expect(text.out).toContain(`weights folder: ${folder}`);
    expect(text.out).toMatch(/places2: official DeepFill v2 weights trained on Places2/);
    expect(text.out).toMatch(/in the weights folder: none \(inpaint weights import FILE --model deepfillv2\)/);
  });

  it('INPAINT_WEIGHTS names the folder when --weights-dir does not', async () => {
    const folder = await tempFolder();
    const saved = process.env.INPAINT_WEIGHTS;
    process.env.INPAINT_WEIGHTS = folder;
    try {
      const result = await inpaint(['weights', '--json']);
      expect(JSON.parse(result.out).folder).toBe(folder);
    } finally {
      if (saved === undefined) delete process.env.INPAINT_WEIGHTS;
      else process.env.INPAINT_WEIGHTS = saved;
    }
  });
});

describeWithEngine('inpaint weights import, and --weights NAME', () => {
  it('stores the checked generator as safetensors with the SHA-256 of its source; --weights NAME then fills as the file does', async () => {
    const dir = await tempFolder();
    const folder = join(dir, 'weights');
    const imported = await inpaint(['weights', 'import', deepFillWeights, '--model', 'deepfillv2', '--name', 'tiny', '--weights-dir', folder]);
    expect(imported.err).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.out).toContain('--weights tiny');

    const stored = join(folder, 'deepfillv2', 'tiny');
    const record = JSON.parse(await readFile(join(stored, 'release.json'), 'utf8'));
    const sourceHash = createHash('sha256').update(await readFile(deepFillWeights)).digest('hex');
    expect(record).toMatchObject({ model: 'deepfillv2', name: 'tiny', sources: [{ file: deepFillWeights, sha256: sourceHash }] });
    const safetensorsBytes = await readFile(join(stored, 'generator.safetensors'));
    expect(record.stored).toEqual([{ file: 'generator.safetensors', subNetwork: 'generator', sha256: createHash('sha256').update(safetensorsBytes).digest('hex'), bytes: safetensorsBytes.length }]);
    const original = (await readStateDicts(deepFillWeights, deepFillV2.checkpoint)).get('generator')!;
    const copy = await loadSafetensors(join(stored, 'generator.safetensors'));
    expect([...copy.keys()]).toEqual([...original.keys()]);
    for (const [key, value] of original) expect(copy.get(key)!.toArray(), key).toEqual(value.toArray());

    const listed = JSON.parse((await inpaint(['weights', '--weights-dir', folder, '--json'])).out);
    expect(listed.networks[0].installed).toMatchObject([{ name: 'tiny', release: null, sources: [{ sha256: sourceHash }] }]);

    const input = join(dir, 'in.png'), mask = join(dir, 'mask.png');
    await writePhoto(input, 48, 40);
    await writeBoxMask(mask, 48, 40, { x0: 12, y0: 10, x1: 30, y1: 24 });
    const byName = await inpaint(['image', input, '--mask', mask, '-o', join(dir, 'by-name.png'), '--method', 'deepfillv2', '--weights', 'tiny', '--weights-dir', folder]);
    expect(byName.err).toBe('');
    expect(byName.status).toBe(0);
    const byFile = await inpaint(['image', input, '--mask', mask, '-o', join(dir, 'by-file.png'), '--method', 'deepfillv2', '--weights', deepFillWeights]);
    expect(byFile.status).toBe(0);
    expect(await readFile(join(dir, 'by-name.png'))).toEqual(await readFile(join(dir, 'by-file.png')));

    const unknown = await inpaint(['image', input, '--mask', mask, '-o', join(dir, 'x.png'), '--method', 'deepfillv2', '--weights', 'places2', '--weights-dir', folder]);
    expect(unknown.status).toBe(2);
    expect(unknown.err).toMatch(/a release of deepfillv2 in .*weights \(tiny\).*"places2"/);
  });

  it('a name already stored: refused without --replace, replaced with it', async () => {
    const folder = await tempFolder();
    const args = ['weights', 'import', deepFillWeights, '--model', 'deepfillv2', '--name', 'tiny', '--weights-dir', folder];
    expect((await inpaint(args)).status).toBe(0);
    const again = await inpaint(args);
    expect(again.status).toBe(2);
    expect(again.err).toMatch(/already in .*tiny/);
    expect((await inpaint([...args, '--replace'])).status).toBe(0);
  });

  it('weights that do not fit the generator: exit 2 listing the missing key and the wrong shape, nothing stored', async () => {
    const dir = await tempFolder();
    const stateDict = (await readStateDicts(deepFillWeights, deepFillV2.checkpoint)).get('generator')!;
    stateDict.delete('conv2_downsample.conv.bias');
    stateDict.set('conv3.conv.weight', tensor(new Float32Array(4), [2, 2]));
    const file = join(dir, 'wrong.safetensors');
    await saveSafetensors(file, stateDict);
    const result = await inpaint(['weights', 'import', file, '--model', 'deepfillv2', '--name', 'wrong', '--weights-dir', join(dir, 'weights')]);
    expect(result.status).toBe(2);
    expect(result.err).toMatch(/missing keys: conv2_downsample\.conv\.bias.*shape mismatches: conv3\.conv\.weight expected \[\d+, \d+, 3, 3\] but received \[2, 2\]/);
    expect((await inpaint(['weights', '--weights-dir', join(dir, 'weights'), '--json'])).out).toContain('"installed": []');
  });

  it('a file that is none of the releases, without --name: exit 2 naming the releases; an unknown --model: exit 2', async () => {
    const folder = await tempFolder();
    const unnamed = await inpaint(['weights', 'import', deepFillWeights, '--model', 'deepfillv2', '--weights-dir', folder]);
    expect(unnamed.status).toBe(2);
    expect(unnamed.err).toMatch(/a name for these weights .*places2 \(states_tf_places2\.pth\); celebahq \(states_tf_celebahq\.pth\).* for --name/);
    const model = await inpaint(['weights', 'import', deepFillWeights, '--model', 'telea', '--weights-dir', folder]);
    expect(model.status).toBe(2);
    expect(model.err).toMatch(/a network method \(deepfillv2, edgeconnect, pconv, glcic, lbam\) for --model but received "telea"/);
  });
});
