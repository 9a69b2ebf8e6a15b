import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadVggFeatures, PCONV_VGG16_LAYERS, VGG_RELEASES, VggFeatures, vggWeightsPath } from '../../src/losses/index.js';
import { randn, saveSafetensors, tidy, type StateDict } from '../../src/torch/index.js';
import { InvalidInputError, StateDictMismatchError } from '../../src/core/errors.js';
import { describeWithEngine, valuesOf } from '../torch/engine.js';

const folder = mkdtempSync(join(tmpdir(), 'inpaint-vgg-weights-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Saves stateDict and renames the file the torchvision way: name-<first 8 hex of its SHA-256>.safetensors. */
async function saveNamedByHash(stateDict: StateDict, name: string): Promise<string> {
  const draft = join(folder, `${name}.draft`);
  await saveSafetensors(draft, stateDict);
  const prefix = createHash('sha256').update(readFileSync(draft)).digest('hex').slice(0, 8);
  const path = join(folder, `${name}-${prefix}.safetensors`);
  renameSync(draft, path);
  return path;
}

describeWithEngine('VGG weight files', () => {
  it("names torchvision's official files and finds them in the weights folder by name", () => {
    expect(VGG_RELEASES[16].file).toBe('vgg16-397923af.pth');
    expect(VGG_RELEASES[19].url).toBe('https://download.pytorch.org/models/vgg19-dcbb9e9d.pth');
    expect(vggWeightsPath('/weights', 19)).toBe('/weights/vgg19-dcbb9e9d.pth');
  });

  it("loads the layers it needs from a whole-model state dict (classifier and deeper layers ignored), hash checked", async () => {
    const source = new VggFeatures(16, ['pool4']);
    const stateDict: StateDict = new Map(source.stateDict());
    stateDict.set('classifier.0.weight', randn([4, 8]));
    const path = await saveNamedByHash(stateDict, 'vgg16');
    const loaded = await loadVggFeatures(16, PCONV_VGG16_LAYERS, path);
    try {
      expect(loaded.features.length).toBe(17);
      for (const [key, value] of loaded.stateDict()) expect(valuesOf(value), key).toEqual(valuesOf(source.stateDict().get(key)!));
      const shapes = tidy(() => loaded.call(randn([1, 3, 16, 16])).map((f) => f.shape));
      expect(shapes).toEqual([[1, 64, 8, 8], [1, 128, 4, 4], [1, 256, 2, 2]]);
    } finally {
      loaded.dispose();
      source.dispose();
    }
  });

  it('a file whose SHA-256 does not start with the hex of its name is refused', async () => {
    const source = new VggFeatures(16, ['pool1']);
    const path = await saveNamedByHash(source.stateDict(), 'vgg16');
    const renamed = path.replace(/-[0-9a-f]{8}\./, '-00000000.');
    renameSync(path, renamed);
    await expect(loadVggFeatures(16, ['pool1'], renamed)).rejects.toThrow(InvalidInputError);
    source.dispose();
  });

  it('a file missing layers the taps need is a state dict mismatch naming them', async () => {
    const source = new VggFeatures(16, ['pool1']);
    const path = await saveNamedByHash(source.stateDict(), 'vgg16');
    await expect(loadVggFeatures(16, PCONV_VGG16_LAYERS, path)).rejects.toThrow(StateDictMismatchError);
    await expect(loadVggFeatures(16, PCONV_VGG16_LAYERS, path)).rejects.toThrow(/features\.5\.weight/);
    source.dispose();
  });
});
