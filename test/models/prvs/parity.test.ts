/**
 * PRVS against the official code run by python3-torch (test/fixtures/models/prvs/, made by
 * make_fixtures.py there): the official PRVSNet with 6 layers and narrowed deep widths (16, 32, 32),
 * the same seeded weights drawn again here, gives the same image, mask and edge maps to 1e-4 in
 * evaluation mode; the state dict of the full-width network has the official keys and shapes.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { PrvsNet } from '../../../src/models/prvs/generator.js';
import { cat, decodeSafetensors, noGrad, tidy, type Tensor } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';
import { seeded } from './seeded.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'prvs');

export function prvsFixture(): (name: string) => Tensor {
  const reference = decodeSafetensors(readFileSync(join(folder, 'tensors.safetensors'))).stateDict;
  return (name) => {
    const t = reference.get(name);
    if (!t) throw new Error(`fixture has no ${name}`);
    return t;
  };
}

export function maxAbsDiff(actual: Tensor, expected: Tensor): number {
  expect(actual.shape).toEqual(expected.shape);
  return tidy(() => actual.sub(expected).abs().amax().item() as number);
}

/** The fixture's generator: 6 layers, widths 16/32/32, seed 10. */
export function fixtureGenerator(): PrvsNet {
  return seeded(new PrvsNet({ layerSize: 6, widths: [16, 32, 32] }), 10);
}

/** model.test's inputs: hole zeroed in image and edges, the mask as 3 channels. */
export function maskedInputs(want: (name: string) => Tensor): { image: Tensor; mask: Tensor; edge: Tensor } {
  const masks = want('masks');
  return { image: want('images').mul(masks), mask: cat([masks, masks, masks], 1), edge: want('edges').mul(masks) };
}

describeWithEngine('PRVS parity with the official network (6 layers, widths 16/32/32, 2x3x64x64)', () => {
  it('the full-width network has the official state-dict keys and shapes', () => {
    const official = JSON.parse(readFileSync(join(folder, 'keys.json'), 'utf8')) as Record<string, number[]>;
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
      const { image, mask, edge } = maskedInputs(want);
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
});
