/**
 * LBAM's losses against the official loss/InpaintingLoss.py run by python3-torch
 * (test/fixtures/models/lbam/loss.safetensors, made by make_loss_fixture.py): the two-column
 * discriminator (width 4, official names, loaded from discriminator.pth), the WGAN-GP critic loss
 * with its gradient penalty (autograd.grad with createGraph) and the generator loss (hole and
 * valid L1, VGG16 pool1-3 perceptual and style on output and composite, + 0.1 mean D(output)):
 * values to 1e-4 relative, the critic's gradients and the generator's (first 1024 values and
 * norm of each parameter's) to 1e-3 relative.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PCONV_VGG16_LAYERS } from '../../../src/losses/index.js';
import { DiscriminatorDoubleColumn } from '../../../src/models/lbam/discriminator.js';
import { lbamCriticLoss, lbamGeneratorLoss } from '../../../src/models/lbam/losses.js';
import { lbam } from '../../../src/models/lbam/network.js';
import { readStateDicts, singleFileLayout } from '../../../src/weights/release.js';
import { tidy, type Tensor } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';
import { followedByBatchNorm, lbamFixture, lbamFixtures } from './fixtures.js';
import { seededVgg } from '../../losses/fixture.js';

/** max |actual − expected| / max |expected|. */
function relativeError(actual: Tensor, expected: Tensor): number {
  expect(actual.shape).toEqual(expected.shape);
  return tidy(() => (actual.sub(expected).abs().amax().item() as number) / Math.max(expected.abs().amax().item() as number, 1e-12));
}

/** The fixture's stand-in for VGG in the 256x256 case: three zero feature maps. */
const zeroFeatures = (image: Tensor): Tensor[] => [image.mul(0), image.mul(0), image.mul(0)];

function checkAll(label: string, values: Record<string, number>): void {
  const worst = Object.entries(values).reduce((a, b) => (b[1] > a[1] ? b : a));
  console.log(`lbam ${label}: ${Object.keys(values).length} values, worst ${worst[0]} ${worst[1].toExponential(2)} (relative)`);
  for (const [name, error] of Object.entries(values)) {
    expect(error, name).toBeLessThanOrEqual(name.startsWith('grad') ? 1e-3 : 1e-4);
  }
}

describeWithEngine('LBAM losses against the official InpaintingLossWithGAN', () => {
  it('at 1x3x256x256 through the generator: critic loss and gradients, generator loss (VGG terms zero) and gradients', async () => {
    const want = lbamFixture('loss.safetensors');
    const generator = lbam.load(await readStateDicts(join(lbamFixtures, 'weights.pth'), lbam.checkpoint)).train();
    const discriminator = new DiscriminatorDoubleColumn({ width: 4 });
    discriminator.loadStateDict((await readStateDicts(join(lbamFixtures, 'discriminator.pth'), singleFileLayout('discriminator', []))).get('discriminator')!);

    const gt = want('gt');
    const valid = want('mask').expand(1, 3, 256, 256);
    const { input, masks } = lbam.input(gt, want('mask'), {});
    const output = generator.call(input, masks);

    const critic = lbamCriticLoss(discriminator, output, gt, valid, want('alpha').reshape(1, 1, 1, 1));
    critic.total.backward(undefined, { retainGraph: true });
    const values: Record<string, number> = { d_loss: relativeError(critic.total, want('d_loss')) };
    for (const [name, parameter] of discriminator.namedParameters()) {
      if (followedByBatchNorm(discriminator, name)) {
        // Batch norm cancels these biases: their true gradient is 0, both sides hold rounding noise.
        expect(tidy(() => parameter.grad!.abs().amax().item() as number), name).toBeLessThan(1e-4);
        expect(tidy(() => want(`grad.D.${name}`).abs().amax().item() as number), name).toBeLessThan(1e-4);
      } else {
        values[`grad.D.${name}`] = relativeError(parameter.grad!, want(`grad.D.${name}`));
      }
    }

    generator.zeroGrad();
    const g = lbamGeneratorLoss(zeroFeatures, input.narrow(1, 0, 3), valid, output, gt, critic.dFake);
    for (const term of ['hole', 'valid'] as const) values[term] = relativeError(g[term], want(term));
    values.g_loss = relativeError(g.total, want('g_loss'));
    g.total.backward();
    for (const [name, parameter] of generator.namedParameters()) {
      const grad = parameter.grad!;
      values[`grad.G.${name}`] = relativeError(grad.reshape(-1).narrow(0, 0, Math.min(1024, grad.numel)), want(`grad.G.${name}`));
      values[`gradnorm.G.${name}`] = relativeError(grad.pow(2).sum().sqrt(), want(`gradnorm.G.${name}`));
    }
    checkAll('losses through the networks', values);
  });

  it('at 1x3x64x64 with the seeded VGG16: perceptual and style terms and the gradient in the output', () => {
    const want = lbamFixture('loss_vgg.safetensors');
    const vgg = seededVgg(16, PCONV_VGG16_LAYERS);
    const output = want('output').requiresGrad_();
    const gt = want('gt');
    const valid = want('mask').expand(1, 3, 64, 64);
    // The fixture's stand-in discriminator: mean of x * mask.
    const dFake = output.mul(valid).mean();
    const g = lbamGeneratorLoss((x) => vgg.call(x), gt.mul(valid), valid, output, gt, dFake);
    g.total.backward();
    checkAll('VGG terms', {
      perceptual: relativeError(g.perceptual, want('perceptual')),
      style: relativeError(g.style, want('style')),
      g_loss: relativeError(g.total, want('g_loss')),
      'grad.output': relativeError(output.grad!, want('grad.output')),
    });
  });
});
