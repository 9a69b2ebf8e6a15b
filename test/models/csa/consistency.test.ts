/**
 * The consistency losses (losses.ts consistencyLoss, the training session's InnerCos + InnerCos2)
 * against the official layers (test/fixtures/models/csa/consistency.safetensors, made by
 * make_consistency_fixture.py): seeded features at 1/8 scale, the mask and the target (VGG16
 * relu4_3 of the ground truth in [-1, 1], seeded VGG16) computed here as the session does. And, as
 * officially (`Variable(gl.loss.data, requires_grad=True)`: the official step with and without them
 * ends with the same weights, see the fixture's metadata), they carry no gradient.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { VggFeatures } from '../../../src/losses/index.js';
import { featureMask } from '../../../src/models/csa/feature-mask.js';
import { consistencyLoss } from '../../../src/models/csa/losses.js';
import { manualSeed, noGrad, randn, tidy } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';
import { fixtureTensors } from '../fixture-tensors.js';
import { seeded } from './seeded.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'csa');

describeWithEngine('CSA consistency losses against InnerCos and InnerCos2', () => {
  it('their sum on seeded features, VGG16 relu4_3 of the image as target; no gradient', () => {
    const official = fixtureTensors(join(fixtures, 'consistency.safetensors'));
    // make_step_fixture.py's image (in [0, 1]) and mask, which make_consistency_fixture.py draws too.
    const { want } = fixtureTensors(join(fixtures, 'step.safetensors'));
    const value = (name: string) => official.want(name).item() as number;
    const expected = value('consistency.encoder') + value('consistency.decoder');
    expect(official.metadata.weights_moved_by_consistency).toBe('0.0');

    tidy(() => {
      const vgg = seeded(new VggFeatures(16, ['relu4_3']), 35);
      const target = noGrad(() => vgg.call(want('image').mul(2).sub(1))[0]);
      manualSeed(41);
      const encoder = randn([1, 512, 32, 32]).requiresGrad_();
      const decoder = randn([1, 1024, 32, 32]).requiresGrad_();
      const loss = consistencyLoss(encoder, decoder.narrow(1, 0, 512), featureMask(want('mask').reshape(1, 1, 256, 256)), target);
      const diff = Math.abs((loss.item() as number) - expected) / expected;
      console.log(`csa consistency: ours ${loss.item()}, official ${expected} (InnerCos ${value('consistency.encoder')} + InnerCos2 ${value('consistency.decoder')}), relative ${diff}`);
      expect(diff).toBeLessThanOrEqual(1e-5);
      expect(loss.requiresGrad).toBe(false);
    });
  }, 60_000);
});
