/**
 * Pluralistic's generator losses against the official model's `forward` and `backward_G`
 * (test/fixtures/models/pluralistic/losses.safetensors, made by make_loss_fixture.py): the two
 * paths with recorded reparameterisation noise, the six weighted terms to 1e-4 relative, and the
 * gradient of their sum for every encoder and generator parameter to 1e-3 (relative to each
 * tensor's largest value; a bias followed by an instance norm has a gradient of zero up to
 * rounding, so the scale is at least 1e-3 of the largest gradient anywhere).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { findStateDict, readPth, tidy } from '../../../src/torch/index.js';
import { readStateDicts, withoutModulePrefix } from '../../../src/weights/release.js';
import { ResDiscriminator } from '../../../src/models/pluralistic/discriminator.js';
import { generatorLossTerms } from '../../../src/models/pluralistic/losses.js';
import { pluralistic } from '../../../src/models/pluralistic/network.js';
import { twoPaths } from '../../../src/models/pluralistic/two-paths.js';
import { describeWithEngine } from '../../torch/engine.js';
import { fixtureTensors, maxAbsDiff } from '../fixture-tensors.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'pluralistic');

async function discriminator(file: string): Promise<ResDiscriminator> {
  const d = new ResDiscriminator({ ndf: 4, imgF: 16 });
  d.loadStateDict(withoutModulePrefix(findStateDict(await readPth(join(folder, 'weights', file)))));
  return d;
}

describeWithEngine('Pluralistic losses and gradients against the official backward_G (2x3x96x96)', () => {
  it('the six terms, the two paths\' images and every encoder and generator gradient', async () => {
    const { want, names } = fixtureTensors(join(folder, 'losses.safetensors'));
    const gradients = names.filter((name) => name.startsWith('grad.'));
    const net = pluralistic.load(await readStateDicts(join(folder, 'weights'), pluralistic.releases[0].layout));
    const [d, dRec] = await Promise.all([discriminator('latest_net_D.pth'), discriminator('latest_net_D_rec.pth')]);

    const found = tidy(() => {
      const truth = want('img').mul(2).sub(1);
      const mask = want('mask');
      const out = twoPaths(net.encoder, net.generator, truth, mask, { posterior: want('eps_p'), prior: want('eps_q') });
      const terms = generatorLossTerms(out, truth, mask, (x) => d.call(x), (x) => dRec.call(x));
      Object.values(terms).reduce((a, b) => a.add(b)).backward();
      const diffs: Record<string, number> = {
        img_rec: maxAbsDiff(out.reconstructed[3], want('img_rec')),
        img_g: maxAbsDiff(out.generated[3], want('img_g')),
      };
      for (const [name, value] of Object.entries(terms)) {
        const expected = want(`loss.${name}`);
        diffs[name] = maxAbsDiff(value.reshape(1), expected) / (expected.abs().item() as number);
      }
      return diffs;
    });
    for (const [name, diff] of Object.entries(found)) expect(diff, name).toBeLessThan(1e-4);

    let worst = 0, compared = 0;
    const largest = Math.max(...gradients.map((name) => want(name).abs().amax().item() as number));
    for (const [prefix, module] of [['E', net.encoder], ['G', net.generator]] as const) {
      for (const [name, parameter] of module.namedParameters()) {
        const relative = tidy(() => {
          const expected = want(`grad.${prefix}.${name}`);
          return maxAbsDiff(parameter.grad!, expected) / Math.max(expected.abs().amax().item() as number, 1e-3 * largest);
        });
        expect(relative, `gradient of ${prefix}.${name}`).toBeLessThan(1e-3);
        worst = Math.max(worst, relative);
        compared++;
      }
    }
    expect(compared).toBe(gradients.length);
    console.log(`pluralistic losses: ${JSON.stringify(found)}; ${compared} gradients, worst relative ${worst.toExponential(2)}`);
    net.dispose();
    d.dispose();
    dRec.dispose();
  });
});
