/**
 * GLCIC against the PyTorch transcription of the official Lua code (test/fixtures/models/glcic/,
 * made by make_fixtures.py there): a .t7 file in the official release's structure ({model =
 * nn.Sequential of Torch7 layers, mean = FloatTensor}) loads through the platform's .t7 reader and
 * the network's layout, the input is built with the file's mean, and the output matches to 1e-4.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { glcic } from '../../../src/models/glcic/network.js';
import { loadNetwork } from '../../../src/models/common/network-weights.js';
import { tidy } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';
import { fixtureTensors, maxAbsDiff } from '../fixture-tensors.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'glcic');


describeWithEngine('GLCIC parity with the transcribed official inference (width 4, 1x3x36x44)', () => {
  const fixture = fixtureTensors(join(folder, 'tensors.safetensors')).want;

  it('loads the .t7 release structure with its mean and matches the input and the output', async () => {
    const network = await loadNetwork(glcic, join(folder, 'weights.t7'));
    expect(network.width).toBe(4);
    expect([...network.mean.toArray() as Float32Array].map((v) => v.toFixed(4))).toEqual(['0.4560', '0.4472', '0.4155']);
    const diffs = tidy(() => {
      const image = fixture('image');
      const mask = fixture('mask');
      const inputs = glcic.input(image, mask, { postprocess: 'none' });
      return {
        input: maxAbsDiff(network.input(inputs.pixels, inputs.mask), fixture('input')),
        output: maxAbsDiff(glcic.forward(network, inputs, { postprocess: 'none' }), fixture('output')),
      };
    });
    console.log(`glcic parity: max abs ${JSON.stringify(diffs)}`);
    for (const [name, diff] of Object.entries(diffs)) expect(diff, name).toBeLessThanOrEqual(1e-4);
    network.dispose();
  });
});
