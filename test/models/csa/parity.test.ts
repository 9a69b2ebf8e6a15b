/**
 * netP, the CSA layer and netG against the official code (test/fixtures/models/csa, made by
 * make_fixtures.py): the release folder weights/ (narrow, ngf 4) loaded as published, on a
 * 256x256 smooth image with a box and a stroke as hole, through the official test pipeline.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { tidy, type StateDict } from '../../../src/torch/index.js';
import { readStateDicts } from '../../../src/weights/release.js';
import { csaInputs, complete } from '../../../src/models/csa/completion.js';
import { CoherentSemanticAttention } from '../../../src/models/csa/csa-layer.js';
import { featureMask, holeFlags } from '../../../src/models/csa/feature-mask.js';
import { CsaNetworks } from '../../../src/models/csa/networks.js';
import { releaseLayout } from '../../../src/models/csa/network.js';
import { describeWithEngine } from '../../torch/engine.js';
import { fixtureTensors, maxAbsDiff } from '../fixture-tensors.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'csa');

describeWithEngine('CSA parity with the official code', () => {
  const fixture = fixtureTensors(join(folder, 'tensors.safetensors'));
  const mask = fixture.want('mask');

  it('the 1/8-scale mask is cal_feat_mask\'s', () => {
    expect(maxAbsDiff(tidy(() => featureMask(mask).reshape(32, 32)), fixture.want('feature_mask'))).toBe(0);
  });

  it('the CSA layer rebuilds the hole features as CSAFunction does', () => {
    const layer = new CoherentSemanticAttention();
    layer.setHoles(holeFlags(fixture.want('feature_mask')));
    const output = tidy(() => layer.call(fixture.want('csa.in')));
    expect(maxAbsDiff(output, fixture.want('csa.out'))).toBeLessThan(1e-4);
    // The hole's features changed: the layer did something.
    expect(maxAbsDiff(output, fixture.want('csa.in'))).toBeGreaterThan(0.1);
  });

  it('its gradient is the official hand-written backward: grad + W^T grad, W truncated to integers', () => {
    const layer = new CoherentSemanticAttention();
    layer.setHoles(holeFlags(fixture.want('feature_mask')));
    const input = tidy(() => fixture.want('csa.in').clone()).requiresGrad_(true);
    tidy(() => layer.call(input).backward(fixture.want('csa.grad_out')));
    const expected = fixture.want('csa.grad_in');
    const relative = maxAbsDiff(input.grad!, expected) / (tidy(() => expected.abs().amax().item()) as number);
    expect(relative).toBeLessThan(1e-5);
  });

  it('netP and netG from the release folder give the official rough and refined images', async () => {
    const networks = CsaNetworks.withWeights(...(await stateDicts()));
    const { roughFill, refined } = tidy(() => complete(networks.rough, networks.refine, csaInputs(fixture.want('image'), mask)));
    expect(maxAbsDiff(roughFill, fixture.want('fake_P'))).toBeLessThan(1e-4);
    expect(maxAbsDiff(refined, fixture.want('fake_B'))).toBeLessThan(1e-4);
    networks.dispose();
  });
});

async function stateDicts(): Promise<[StateDict, StateDict]> {
  const dicts = await readStateDicts(join(folder, 'weights'), releaseLayout);
  return [dicts.get('rough')!, dicts.get('refine')!];
}
