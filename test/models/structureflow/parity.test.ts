/**
 * StructureFlow's networks and Gaussian sampling against the official code run by python3-torch
 * (test/fixtures/models/structureflow/, made by make_fixtures.py there, with a pure-torch stand-in
 * for the CUDA op): the same seeded weights give the same outputs to 1e-4, the sampling's
 * gradients match autograd through the stand-in, and the state dicts carry the official names and
 * shapes, so the released files load as they are.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { Conv2dBlock } from '../../../src/models/structureflow/blocks.js';
import { FlowGenerator } from '../../../src/models/structureflow/flow-generator.js';
import { gaussianResample } from '../../../src/models/structureflow/gaussian-resample.js';
import { StructureGenerator } from '../../../src/models/structureflow/structure-generator.js';
import { autograd, noGrad, tidy, type Tensor } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';
import { fixtureTensors, maxAbsDiff } from '../fixture-tensors.js';
import { seeded } from './seeded-weights.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'structureflow');
const narrow = { dim: 16, residualBlocks: 1 };

describeWithEngine('StructureFlow parity with the official code', () => {
  const { want, metadata } = fixtureTensors(join(folder, 'tensors.safetensors'));

  it('Gaussian sampling: outputs and gradients of input and flow, flows past every border', () => {
    const settings = { k16: [16, 1, 4], k4: [4, 1, 2], k4d2: [4, 2, 1.5] } as const;
    for (const [tag, [k, dilation, sigma]] of Object.entries(settings)) {
      tidy(() => {
        const input = want('resample_input').clone().requiresGrad_();
        const flow = want('resample_flow').clone().requiresGrad_();
        const out = gaussianResample(input, flow, k, sigma, dilation);
        expect(maxAbsDiff(out, want(`resample_${tag}_out`)), tag).toBeLessThan(1e-5);
        const [gradInput, gradFlow] = autograd.grad([out.mul(want('resample_grad_out')).sum()], [input, flow]) as Tensor[];
        expect(maxAbsDiff(gradInput, want(`resample_${tag}_grad_input`)), tag).toBeLessThan(1e-4);
        expect(maxAbsDiff(gradFlow, want(`resample_${tag}_grad_flow`)), tag).toBeLessThan(1e-4);
      });
    }
  });

  it('structure and flow generators (narrow: dim 16, one residual block) give the official outputs', () => {
    const structure = seeded(new StructureGenerator(narrow), 31);
    const flowGen = seeded(new FlowGenerator(narrow), 32);
    // make_fixtures.py scales the flow head's last convolution so the flow reaches several pixels.
    noGrad(() => {
      const head = (flowGen.flow_column.location.at(1) as Conv2dBlock).conv.weight;
      tidy(() => void head.copy_(head.mul(Number(metadata.flow_gain))));
    });
    structure.train();
    noGrad(() => {
      for (let i = 0; i < Number(metadata.warmup); i++) tidy(() => void structure.call(want('s_input')));
    });
    structure.eval();
    flowGen.eval();
    noGrad(() => tidy(() => {
      expect(maxAbsDiff(structure.call(want('s_input')), want('s_output'))).toBeLessThan(1e-4);
      const { image, flow } = flowGen.call(want('f_input'));
      expect(maxAbsDiff(flow, want('f_flow'))).toBeLessThan(1e-3);
      expect(maxAbsDiff(image, want('f_output'))).toBeLessThan(1e-4);
      // The output depends on the input: another input, another image.
      expect(maxAbsDiff(flowGen.call(want('f_input').neg()).image, want('f_output'))).toBeGreaterThan(0.1);
    }));
  }, 180_000);

  it('state dicts carry the official names and shapes (dim 64; 4 and 2 residual blocks)', () => {
    const official = JSON.parse(readFileSync(join(folder, 'keys.json'), 'utf8')) as Record<string, Record<string, number[]>>;
    const ours = { s_gen: new StructureGenerator(), f_gen: new FlowGenerator() };
    for (const [name, module] of Object.entries(ours)) {
      const shapes = Object.fromEntries([...module.stateDict()].map(([key, t]) => [key, t.shape]));
      expect(Object.keys(shapes), name).toEqual(Object.keys(official[name]));
      expect(shapes, name).toEqual(official[name]);
      module.dispose();
    }
  });
});
