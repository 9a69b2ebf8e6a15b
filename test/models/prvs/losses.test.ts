/**
 * PRVS's training losses against model.py run by python3-torch (test/fixtures/models/prvs/,
 * make_fixtures.py): the fixture's generator in training mode, VGG16 (pool1-3) and the edge
 * discriminator drawn again with the script's seeds, the discriminator's power iteration warmed up
 * as there. Each generator term, the weighted total and the discriminator loss match to 1e-4
 * (relative), every generator gradient to 1e-3 (relative to its largest magnitude). In the
 * official network the decoder's two edge generators get no gradient at all: the decoder's mask is
 * all valid by then, so their proposals are never used (both sides give exact zeros).
 */
import { expect, it } from 'vitest';
import { PCONV_VGG16_LAYERS } from '../../../src/losses/index.js';
import { VggFeatures } from '../../../src/losses/vgg.js';
import { EdgeConnectDiscriminator } from '../../../src/models/edgeconnect/discriminator.js';
import { edgeDiscriminatorLoss, prvsGeneratorLoss, PRVS_LOSS_TERMS } from '../../../src/models/prvs/losses.js';
import { prvsInputs } from '../../../src/models/prvs/network.js';
import { cat, noGrad, tidy } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';
import { maxAbsDiff } from '../fixture-tensors.js';
import { fixtureGenerator, prvsFixture } from './fixture.js';
import { seeded } from './seeded.js';

describeWithEngine('PRVS losses and gradients against model.py (2x3x64x64)', () => {
  it('generator terms, total, gradients and the discriminator loss', () => {
    const want = prvsFixture();
    const generator = fixtureGenerator().train();
    const vgg = seeded(new VggFeatures(16, PCONV_VGG16_LAYERS), 11);
    const discriminator = seeded(new EdgeConnectDiscriminator(2), 12).train();
    const [images, masks, edges, gray] = ['images', 'masks', 'edges', 'gray'].map(want);
    noGrad(() => {
      for (let i = 0; i < 10; i++) tidy(() => void discriminator.call(cat([edges.mul(4).clamp(0, 1), gray], 1)));
    });

    const relative = tidy(() => {
      const inputs = prvsInputs(images, masks, edges);
      const out = generator.call(inputs.image, inputs.mask, inputs.edge);
      const fakeEdges = { small: out.edgeSmall, big: out.edgeBig };
      const hole = masks.neg().add(1);
      const { total, terms } = prvsGeneratorLoss({ truth: images, output: out.image, hole, edges: fakeEdges, gray }, PRVS_LOSS_TERMS, vgg, discriminator);
      generator.zeroGrad();
      total.backward();
      const dLoss = edgeDiscriminatorLoss(discriminator, fakeEdges, edges, gray);
      const rel = (name: string, actual: (typeof terms)[string]) => {
        const expected = want(name);
        return maxAbsDiff(actual, expected) / Math.abs(expected.item() as number);
      };
      return {
        'train.out': maxAbsDiff(out.image, want('train.out')),
        loss_g: rel('loss_g', total),
        loss_d: rel('loss_d', dLoss),
        ...Object.fromEntries(['tv', 'style', 'perceptual', 'valid', 'hole'].map((name) => [name, rel(`term.${name}`, terms[name])])),
      };
    });
    console.log(`prvs loss parity (relative): ${JSON.stringify(relative)}`);
    for (const [name, value] of Object.entries(relative)) expect(value, name).toBeLessThanOrEqual(1e-4);

    // A bias just before a training-mode batch norm has a gradient of zero but for rounding noise
    // (dec_2.deconv.bias: 6e-7 where the largest is 26): gradients are compared relative to their
    // largest magnitude, or to 1e-4 of the network's largest if that is more.
    const floor = 1e-4 * Math.max(...generator.namedParameters().map(([name]) => want(`gradmax.${name}`).item() as number));
    let worst = 0;
    for (const [name, parameter] of generator.namedParameters()) {
      const grad = parameter.grad;
      expect(grad, name).toBeDefined();
      const diff = tidy(() => {
        const head = want(`grad.${name}`);
        return maxAbsDiff(grad!.reshape(-1).narrow(0, 0, head.shape[0]), head) / Math.max(want(`gradmax.${name}`).item() as number, floor);
      });
      expect(diff, `gradient of ${name}`).toBeLessThanOrEqual(1e-3);
      worst = Math.max(worst, diff);
    }
    console.log(`prvs gradient parity: worst relative difference ${worst.toExponential(2)}`);
    for (const module of [generator, vgg, discriminator]) module.dispose();
  });
});
