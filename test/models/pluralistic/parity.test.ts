/**
 * Pluralistic against the official code run by python3-torch (test/fixtures/models/pluralistic/,
 * made by make_fixtures.py there): the official files (`module.` prefixes, aliased spectral-norm
 * keys) load unchanged; the encoder's features and prior, the generator's four images for the
 * prior's mean and for mean + std * eps, the pasted completions, the discriminator's score and the
 * spectral-norm vectors after those forwards (one power iteration each) match to 1e-4 (max abs).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { F, findStateDict, readPth, tidy } from '../../../src/torch/index.js';
import { withoutModulePrefix, readStateDicts } from '../../../src/weights/release.js';
import { ResDiscriminator } from '../../../src/models/pluralistic/discriminator.js';
import { pluralistic } from '../../../src/models/pluralistic/network.js';
import { encoderWidths } from '../../../src/models/pluralistic/widths.js';
import { describeWithEngine } from '../../torch/engine.js';
import { fixtureTensors, maxAbsDiff } from '../fixture-tensors.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'pluralistic');

describeWithEngine('Pluralistic parity with the official code (ngf 4, z 8, img_f 16; 1x3x96x96)', () => {
  it('the release folder loads: module. prefixes dropped, aliased keys both present', async () => {
    const stateDicts = await readStateDicts(join(folder, 'weights'), pluralistic.releases[0].layout);
    const encoder = stateDicts.get('encoder')!;
    expect(encoderWidths(encoder)).toEqual({ ngf: 4, zChannels: 8, imgF: 16 });
    expect(encoder.has('block0.conv1.module.weight_bar')).toBe(true);
    expect(encoder.has('block0.model.0.module.weight_bar')).toBe(true);
    expect(stateDicts.get('generator')!.has('attn1.gamma')).toBe(true);
    expect(stateDicts.get('generator')!.has('decoder1.model.0.weight')).toBe(true);
  });

  it('matches features, prior, images, completions, the discriminator and the spectral-norm state', async () => {
    const { want } = fixtureTensors(join(folder, 'tensors.safetensors'));
    const net = pluralistic.load(await readStateDicts(join(folder, 'weights'), pluralistic.releases[0].layout));
    const discriminator = new ResDiscriminator({ ndf: 4, imgF: 16 });
    discriminator.loadStateDict(withoutModulePrefix(findStateDict(await readPth(join(folder, 'weights', 'latest_net_D.pth')))));
    discriminator.eval();

    const diffs = tidy(() => {
      const found = new Map<string, number>();
      const { visible, mask } = pluralistic.input(want('img'), want('mask'), { noise: 'mean', seed: 0, samples: 1 });
      const { prior, features } = net.encoder.call(visible);
      features.forEach((feature, i) => found.set(`feature${i}`, maxAbsDiff(feature, want(`feature${i}`))));
      found.set('mu', maxAbsDiff(prior.mu, want('mu')));
      found.set('sigma', maxAbsDiff(prior.sigma, want('sigma')));
      const attended = features[2];
      const maskSmall = F.interpolate(mask, { size: [attended.shape[2], attended.shape[3]], mode: 'bilinear', alignCorners: true });
      const conditions = { deepest: features[4], attended, mask: maskSmall };
      for (const [sample, z] of [['mean', prior.mu], ['eps', prior.mu.add(prior.sigma.mul(want('eps')))]] as const) {
        const images = net.generator.call(z, conditions);
        images.forEach((image, i) => found.set(`${sample}.image${i}`, maxAbsDiff(image, want(`${sample}.image${i}`))));
        const out = mask.neg().add(1).mul(images[3]).add(mask.mul(visible));
        found.set(`${sample}.out`, maxAbsDiff(out, want(`${sample}.out`)));
      }
      found.set('d_out', maxAbsDiff(discriminator.call(want('mean.out')), want('d_out')));
      for (const [name, module] of [['E', net.encoder], ['G', net.generator], ['D', discriminator]] as const) {
        for (const [key, value] of module.stateDict()) {
          if (key.endsWith('weight_u') || key.endsWith('weight_v')) found.set(`after.${name}.${key}`, maxAbsDiff(value, want(`after.${name}.module.${key}`)));
        }
      }
      return found;
    });
    expect(diffs.size).toBeGreaterThan(100);
    const worst = Math.max(...diffs.values());
    expect(worst, JSON.stringify([...diffs].filter(([, d]) => d > 1e-4).slice(0, 6))).toBeLessThan(1e-4);
    // The completions depend on the latent code: the two samples differ inside the hole.
    expect(maxAbsDiff(want('mean.out'), want('eps.out'))).toBeGreaterThan(0.1);
    net.dispose();
    discriminator.dispose();
  });
});
