/**
 * LBAM against the official code run by python3-torch (test/fixtures/models/lbam/, made by
 * make_fixtures.py there): the official legacy-format state dict loads unchanged into a width-8
 * generator, its output for the official input matches to 1e-4 (max abs), and the attention
 * activations' parameters are clamped in place as the official forward clamps them.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { lbam } from '../../../src/models/lbam/network.js';
import { readStateDicts } from '../../../src/weights/release.js';
import { noGrad, tidy } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';
import { maxAbsDiff } from '../fixture-tensors.js';
import { lbamFixture, lbamFixtures } from './fixtures.js';

describeWithEngine('LBAM parity with the official code (width 8, 2x3x128x128)', () => {
  it('loads the official state dict and matches the output and the clamped activations', async () => {
    const want = lbamFixture('forward.safetensors');
    const generator = lbam.load(await readStateDicts(join(lbamFixtures, 'weights.pth'), lbam.checkpoint));
    expect(generator.width).toBe(8);
    const outputDiff = noGrad(() => tidy(() => {
      const { input, masks } = lbam.input(want('image'), want('mask'), {});
      return maxAbsDiff(lbam.forward(generator, { input, masks }, {}), want('output'));
    }));
    expect(outputDiff).toBeLessThanOrEqual(1e-4);
    let clampDiff = 0;
    for (const [name, value] of generator.stateDict()) {
      if (!name.endsWith('weight')) clampDiff = Math.max(clampDiff, maxAbsDiff(value, want(`after.${name}`)));
    }
    expect(clampDiff).toBeLessThanOrEqual(1e-7);
    expect(generator.stateDict().get('ec2.conv.activationFuncG_A.a')!.item()).toBeCloseTo(6, 6);
    console.log(`lbam parity: output max abs ${outputDiff.toExponential(2)}, activation parameters after the clamp ${clampDiff.toExponential(2)}`);
    generator.dispose();
  });

  it('an inverted mask gives a different output (the fixture can fail)', async () => {
    const want = lbamFixture('forward.safetensors');
    const generator = lbam.load(await readStateDicts(join(lbamFixtures, 'weights.pth'), lbam.checkpoint));
    const diff = noGrad(() => tidy(() => {
      const { input, masks } = lbam.input(want('image'), want('mask').neg().add(1), {});
      return maxAbsDiff(lbam.forward(generator, { input, masks }, {}), want('output'));
    }));
    expect(diff).toBeGreaterThan(1e-2);
    generator.dispose();
  });
});
