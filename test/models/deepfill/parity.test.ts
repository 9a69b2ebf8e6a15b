/**
 * DeepFill v2 against the reference PyTorch port run by python3-torch
 * (test/fixtures/models/deepfill/, made by make_fixtures.py there): the port's checkpoint loads
 * unchanged, and the generator's two stages, the discriminator's output and its in-place spectral
 * normalisation, the hinge and reconstruction losses match to 1e-4 (max abs), the gradients of the
 * generator loss to 1e-3 (relative to each tensor's largest value).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { DeepFillGenerator } from '../../../src/models/deepfill/generator.js';
import { SNPatchGANDiscriminator } from '../../../src/models/deepfill/discriminator.js';
import { hingeLossD, hingeLossG, reconstructionLoss } from '../../../src/models/deepfill/losses.js';
import { generatorWidth } from '../../../src/models/deepfill/releases.js';
import { readGeneratorStateDict } from '../../../src/models/deepfill/weights.js';
import { cat, decodeSafetensors, findStateDict, readPth, tidy, type Tensor } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'deepfill');

function maxAbsDiff(actual: Tensor, expected: Tensor): number {
  expect(actual.shape).toEqual(expected.shape);
  return actual.sub(expected).abs().amax().item() as number;
}

describeWithEngine('DeepFill v2 parity with the PyTorch port (cnum 4, 2x3x48x48)', () => {
  it('matches outputs, losses, spectral-norm state and gradients', async () => {
    const checkpoint = await readPth(join(folder, 'weights.pth'));
    const reference = decodeSafetensors(readFileSync(join(folder, 'tensors.safetensors'))).stateDict;
    const want = (name: string): Tensor => {
      const t = reference.get(name);
      if (!t) throw new Error(`fixture has no ${name}`);
      return t;
    };
    const generatorState = await readGeneratorStateDict(join(folder, 'weights.pth'));
    expect(generatorWidth(generatorState)).toBe(4);
    const generator = new DeepFillGenerator({ cnum: 4 });
    generator.loadStateDict(generatorState);
    const discriminator = new SNPatchGANDiscriminator({ cnum: 2 });
    discriminator.loadStateDict(findStateDict(checkpoint, 'D'));

    const diffs = tidy(() => {
      const real = want('real');
      const mask = want('mask');
      const incomplete = real.mul(mask.neg().add(1));
      const ones = incomplete.narrow(1, 0, 1).mul(0).add(1);
      const x = cat([incomplete, ones, ones.mul(mask)], 1);
      const { coarse, refined } = generator.call(x, mask);
      const complete = refined.mul(mask).add(incomplete.mul(mask.neg().add(1)));
      const masks = mask.expand(real.shape[0], 1, mask.shape[2], mask.shape[3]);
      const dOut = discriminator.call(cat([cat([real, masks], 1), cat([complete.detach(), masks], 1)]));
      const [dReal, dFake] = dOut.split(real.shape[0]);
      const dLoss = hingeLossD(dReal, dFake);
      const aeLoss = reconstructionLoss(real, coarse, refined);
      const gLoss = hingeLossG(discriminator.call(cat([complete, masks], 1))).add(aeLoss);
      generator.zeroGrad();
      gLoss.backward();
      const out: Record<string, number> = {
        coarse: maxAbsDiff(coarse, want('coarse')),
        refined: maxAbsDiff(refined, want('refined')),
        d_out: maxAbsDiff(dOut, want('d_out')),
        d_loss: maxAbsDiff(dLoss, want('d_loss')),
        ae_loss: maxAbsDiff(aeLoss, want('ae_loss')),
        g_loss: maxAbsDiff(gLoss, want('g_loss')),
      };
      for (const [name, value] of discriminator.stateDict()) out[`after.D.${name}`] = maxAbsDiff(value, want(`after.D.${name}`));
      return out;
    });
    for (const [name, diff] of Object.entries(diffs)) expect(diff, name).toBeLessThanOrEqual(1e-4);

    let worstRelative = 0;
    for (const [name, parameter] of generator.namedParameters()) {
      const grad = parameter.grad;
      expect(grad, name).toBeDefined();
      const relative = tidy(() => {
        const expected = want(`grad.G.${name}`);
        return maxAbsDiff(grad!, expected) / Math.max(expected.abs().amax().item() as number, 1e-12);
      });
      grad!.dispose();
      expect(relative, `gradient of ${name}`).toBeLessThanOrEqual(1e-3);
      worstRelative = Math.max(worstRelative, relative);
    }
    console.log(`deepfill parity: max abs ${JSON.stringify(diffs)}; worst relative gradient difference ${worstRelative.toExponential(2)}`);
    generator.dispose();
    discriminator.dispose();
  });
});
