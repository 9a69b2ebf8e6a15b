/**
 * One LBAM training step of the shared loop against the official modules run by python3-torch
 * (test/fixtures/models/lbam/step.safetensors, made by make_step_fixture.py): the critic's update
 * by the official loss's own Adam step, then the generator's update on the official generator
 * loss through the updated critic (the official train.py's order cannot run on PyTorch >= 1.5).
 * Width-8 generator, width-4 critic, 1x3x256x256, VGG terms off (zero in the reference).
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { DiscriminatorDoubleColumn } from '../../../src/models/lbam/discriminator.js';
import { lbamTraining } from '../../../src/models/lbam/training.js';
import { readStateDicts, singleFileLayout } from '../../../src/weights/release.js';
import { manualSeed, tidy } from '../../../src/torch/index.js';
import { trainingStep } from '../../../src/training/training-step.js';
import { describeWithEngine } from '../../torch/engine.js';
import { maxAbsDiff } from '../fixture-tensors.js';
import { followedByBatchNorm, lbamFixture, lbamFixtures } from './fixtures.js';

const stateDictOf = async (file: string) => (await readStateDicts(join(lbamFixtures, file), singleFileLayout('net', []))).get('net')!;

describeWithEngine('LBAM training step against the official modules', () => {
  it('the losses and both networks\' weights after the step', async () => {
    const want = lbamFixture('step.safetensors');
    const inputs = lbamFixture('loss.safetensors');
    const session = await lbamTraining.create(lbamTraining.options.parse({ size: 256, batch: 1, width: 8, dWidth: 4, off: 'perceptual,style' }));
    const generator = session.generator.module, discriminator = session.discriminator!.module as DiscriminatorDoubleColumn;
    generator.loadStateDict(await stateDictOf('weights.pth'));
    discriminator.loadStateDict(await stateDictOf('discriminator.pth'));
    generator.train();
    discriminator.train();
    manualSeed(21);
    const image = inputs('gt');
    const losses = tidy(() => trainingStep(session, { image, mask: inputs('mask').neg().add(1) }));
    expect(Math.abs(losses.d_loss - (want('d_loss').item() as number)), 'd_loss').toBeLessThanOrEqual(1e-4);
    expect(Math.abs(losses.g_loss - (want('g_loss').item() as number)), 'g_loss').toBeLessThanOrEqual(1e-4);

    const diffs: Record<string, number> = {};
    for (const [name, parameter] of discriminator.namedParameters()) {
      const diff = maxAbsDiff(parameter, want(`after.D.${name}`));
      // Adam moves a noise gradient by +-lr whichever its sign: at most 2 lr apart.
      if (followedByBatchNorm(discriminator, name)) expect(diff, name).toBeLessThanOrEqual(2e-5 + 1e-7);
      else diffs[`D.${name}`] = diff;
    }
    for (const [name, parameter] of generator.namedParameters()) {
      diffs[`G.${name}`] = tidy(() => maxAbsDiff(parameter.reshape(-1).narrow(0, 0, Math.min(1024, parameter.numel)), want(`after.G.${name}`)));
    }
    const worst = Object.entries(diffs).reduce((a, b) => (b[1] > a[1] ? b : a));
    console.log(`lbam step: d_loss ${losses.d_loss} g_loss ${losses.g_loss}; worst weight difference ${worst[0]} ${worst[1].toExponential(2)}`);
    for (const [name, diff] of Object.entries(diffs)) expect(diff, name).toBeLessThanOrEqual(1e-6);
  }, 180_000);
});
