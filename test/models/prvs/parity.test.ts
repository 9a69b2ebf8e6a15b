/**
 * PRVS against the official code run by python3-torch (test/fixtures/models/prvs/, made by
 * make_fixtures.py there): the official PRVSNet with 6 layers and narrowed deep widths (16, 32, 32),
 * the same seeded weights drawn again here, gives the same image, mask and edge maps to 1e-4 in
 * evaluation mode and in the fine-tuning mode; the state dict of the full-width network has the
 * official keys and shapes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PrvsNet } from '../../../src/models/prvs/generator.js';
import { prvsInputs } from '../../../src/models/prvs/network.js';
import { noGrad, tidy } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';
import { maxAbsDiff } from '../fixture-tensors.js';
import { fixtureGenerator, fixtureFolder, prvsFixture } from './fixture.js';

describeWithEngine('PRVS parity with the official network (6 layers, widths 16/32/32, 2x3x64x64)', () => {
  it('the full-width network has the official state-dict keys and shapes', () => {
    const official = JSON.parse(readFileSync(join(fixtureFolder, 'keys.json'), 'utf8')) as Record<string, number[]>;
    const net = new PrvsNet();
    const ours = Object.fromEntries([...net.stateDict()].map(([k, v]) => [k, v.shape]));
    net.dispose();
    expect(Object.keys(ours)).toEqual(Object.keys(official));
    expect(ours).toEqual(official);
  });

  it('evaluation-mode forward: image, mask and both edge maps', () => {
    const want = prvsFixture();
    const net = fixtureGenerator().eval();
    const diffs = noGrad(() => tidy(() => {
      // The inputs as the production builder makes them, with the fixture's edges.
      const { image, mask, edge } = prvsInputs(want('images'), want('masks'), want('edges'));
      const out = net.call(image, mask, edge);
      return {
        image: maxAbsDiff(out.image, want('eval.out')),
        mask: maxAbsDiff(out.mask.narrow(1, 0, 1), want('eval.mask')),
        edgeSmall: maxAbsDiff(out.edgeSmall, want('eval.edge_small')),
        edgeBig: maxAbsDiff(out.edgeBig, want('eval.edge_big')),
      };
    }));
    console.log(`prvs eval parity (max abs): ${JSON.stringify(diffs)}`);
    for (const [name, diff] of Object.entries(diffs)) expect(diff, name).toBeLessThanOrEqual(1e-4);
    net.dispose();
  });

  it('the fine-tuning mode (run.py --finetune): the encoder\'s batch norms on running statistics, the decoder\'s on the batch\'s', () => {
    const want = prvsFixture();
    const imageIn = (net: PrvsNet) => noGrad(() => tidy(() => {
      const { image, mask, edge } = prvsInputs(want('images'), want('masks'), want('edges'));
      return maxAbsDiff(net.call(image, mask, edge).image, want('finetune.out'));
    }));
    const finetuned = fixtureGenerator();
    finetuned.freezeEncoderBatchNorm = true;
    const finetune = imageIn(finetuned.train());
    // Without the freeze, every batch norm takes the batch's statistics: far from it.
    const unfrozen = imageIn(fixtureGenerator().train());
    console.log(`prvs fine-tune parity (max abs): ${finetune.toExponential(2)} (unfrozen: ${unfrozen.toFixed(3)})`);
    expect(finetune).toBeLessThanOrEqual(1e-4);
    expect(unfrozen).toBeGreaterThan(0.1);
  });
});
