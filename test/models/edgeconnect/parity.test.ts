/**
 * EdgeConnect's networks against the official ones run by python3-torch
 * (test/fixtures/models/edgeconnect/, made by make_fixtures.py there): the same seeded weights,
 * drawn again here from libtorch's generator in state-dict order, give the same outputs to 1e-4;
 * the state dicts carry the official names and shapes, so the released files load as they are.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { EdgeConnectDiscriminator } from '../../../src/models/edgeconnect/discriminator.js';
import { EdgeConnectEdgeGenerator, EdgeConnectInpaintGenerator } from '../../../src/models/edgeconnect/generator.js';
import type { AnyModule } from '../../../src/torch/nn/module.js';
import { noGrad, tidy } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';
import { fixtureTensors, maxAbsDiff } from '../fixture-tensors.js';
import { seeded, warmed } from './seeded-weights.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'edgeconnect');

describeWithEngine('EdgeConnect parity with the official networks (2 residual blocks, 1x3x32x32)', () => {
  const { want } = fixtureTensors(join(folder, 'tensors.safetensors'));

  it('edge generator, inpainting generator and both discriminators give the official outputs', () => {
    const edge = warmed(seeded(new EdgeConnectEdgeGenerator({ residualBlocks: 2 }), 11), want('edge_input'));
    const inpaint = seeded(new EdgeConnectInpaintGenerator({ residualBlocks: 2 }), 12).eval();
    const edgeD = warmed(seeded(new EdgeConnectDiscriminator(2, { useSigmoid: true }), 13), want('edge_d_input'));
    const inpaintD = warmed(seeded(new EdgeConnectDiscriminator(3, { useSigmoid: false }), 14), want('inpaint_output'));
    noGrad(() => tidy(() => {
      expect(maxAbsDiff(edge.call(want('edge_input')), want('edge_output'))).toBeLessThan(1e-4);
      // The output depends on the input: another input, another edge map.
      expect(maxAbsDiff(edge.call(want('edge_input').neg().add(1)), want('edge_output'))).toBeGreaterThan(0.05);
      expect(maxAbsDiff(inpaint.call(want('inpaint_input')), want('inpaint_output'))).toBeLessThan(1e-4);
      const judged = edgeD.call(want('edge_d_input'));
      expect(maxAbsDiff(judged.output, want('edge_d_out'))).toBeLessThan(1e-5);
      expect(maxAbsDiff(judged.features[2], want('edge_d_conv3'))).toBeLessThan(1e-4);
      expect(maxAbsDiff(inpaintD.call(want('inpaint_output')).output, want('inpaint_d_out'))).toBeLessThan(1e-5);
    }));
  });

  it('state dicts carry the official names and shapes (8 residual blocks), the discriminator its conv1/features alias', () => {
    const official = JSON.parse(readFileSync(join(folder, 'keys.json'), 'utf8')) as Record<string, Record<string, number[]>>;
    const ours: Record<string, AnyModule> = {
      EdgeGenerator: new EdgeConnectEdgeGenerator(),
      InpaintGenerator: new EdgeConnectInpaintGenerator(),
      'Discriminator(in_channels=2)': new EdgeConnectDiscriminator(2),
      'Discriminator(in_channels=3)': new EdgeConnectDiscriminator(3),
    };
    for (const [name, module] of Object.entries(ours)) {
      const shapes = Object.fromEntries([...module.stateDict()].map(([key, t]) => [key, t.shape]));
      expect(Object.keys(shapes), name).toEqual(Object.keys(official[name]));
      expect(shapes, name).toEqual(official[name]);
    }
  });
});
