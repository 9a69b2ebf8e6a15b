/**
 * DFC-Net against the official network run by python3-torch (test/fixtures/models/dfcnet/, made
 * by make_fixtures.py there): the same seeded weights, drawn again here from libtorch's generator
 * in state-dict order, give the same flows to 1e-4, for both heads; the state dict carries the
 * official names and shapes, so the released ResNet-101 loads as it is.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { DfcNet, resnet101Movie, type DfcNetConfig } from '../../../src/models/dfcnet/dfc-resnet.js';
import { noGrad, tensor, tidy, type Tensor } from '../../../src/torch/index.js';
import { fixtureTensors, maxAbsDiff } from '../fixture-tensors.js';
import { describeWithEngine } from '../../torch/engine.js';
import { seededDfcNet } from './seeded-dfcnet.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'dfcnet');

describeWithEngine('DFC-Net parity with the official models/resnet_models.py', () => {
  const { want } = fixtureTensors(join(folder, 'tensors.safetensors'));

  it('single-scale head (the released model\'s), blocks [1,1,2,1], 33 channels, 39x45: official flow to 1e-4', () => {
    const net = seededDfcNet({ layers: [1, 1, 2, 1], inChannels: 33, outChannels: 2, head: 'single-scale' }, 21);
    noGrad(() => tidy(() => {
      const x = want('single_input');
      expect(maxAbsDiff(net.call(x), want('single_output'))).toBeLessThan(1e-4);
      // The output depends on the input: the flow channels negated, another flow.
      const flipped = x.mul(-1).add(x.mul(2).mul(maskChannels(x)));
      expect(maxAbsDiff(net.call(flipped), want('single_output'))).toBeGreaterThan(0.1);
    }));
  });

  it('multi-scale head (the ResNet-50 stage models\'), blocks [1,1,1,1], 66 -> 4 channels, 40x48: official flow to 1e-4', () => {
    const net = seededDfcNet({ layers: [1, 1, 1, 1], inChannels: 66, outChannels: 4, head: 'multi-scale' }, 22);
    noGrad(() => tidy(() => {
      expect(maxAbsDiff(net.call(want('multi_input')), want('multi_output'))).toBeLessThan(1e-4);
    }));
  });

  it('batch norm stays on its running statistics in training mode (the official freezeBn)', () => {
    const net = seededDfcNet({ layers: [1, 1, 2, 1], inChannels: 33, outChannels: 2, head: 'single-scale' }, 21).train();
    noGrad(() => tidy(() => {
      expect(maxAbsDiff(net.call(want('single_input')), want('single_output'))).toBeLessThan(1e-4);
    }));
  });

  it('the ResNet-101 and ResNet-50 state dicts carry the official names and shapes (after DataParallel\'s module.)', () => {
    const official = JSON.parse(readFileSync(join(folder, 'keys.json'), 'utf8')) as Record<string, Record<string, number[]>>;
    const ours: Record<string, DfcNetConfig> = {
      'Flow_Branch(33, 2)': resnet101Movie,
      'Flow_Branch_Multi(33, 2)': { layers: [3, 4, 6, 3], inChannels: 33, outChannels: 2, head: 'multi-scale' },
    };
    for (const [name, config] of Object.entries(ours)) {
      const net = new DfcNet(config);
      const shapes = Object.fromEntries([...net.stateDict()].map(([key, t]) => [`module.${key}`, t.shape]));
      expect(shapes, name).toEqual(official[name]);
      net.dispose();
    }
  });
});

/** 1 on the mask channels (every third), 0 on the flow channels. */
function maskChannels(x: Tensor): Tensor {
  const c = x.shape[1];
  return tensor(Array.from({ length: c }, (_, i) => (i % 3 === 2 ? 1 : 0)), [1, c, 1, 1]);
}
