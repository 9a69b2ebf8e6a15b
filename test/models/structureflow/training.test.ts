/**
 * StructureFlow's structure stage through the shared training step against one official
 * `update_structure` step (test/fixtures/models/structureflow/make_step_fixture.py: model 1, s_gen
 * narrow, s_dis as the official, both seeded; the crops' structure images from tsmooth in GNU
 * Octave): the structure images ours computes for the crops give the same three losses, and every
 * s_gen gradient matches.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { StructureFlowGenerators } from '../../../src/models/structureflow/network.js';
import { structureFlowTraining } from '../../../src/models/structureflow/training.js';
import { tidy } from '../../../src/torch/index.js';
import { trainingStep } from '../../../src/training/training-step.js';
import { describeWithEngine } from '../../torch/engine.js';
import { fixtureTensors } from '../fixture-tensors.js';
import { sampled } from '../edgeconnect/seeded-weights.js';
import { seeded } from './seeded-weights.js';

const fixture = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'structureflow', 'step.safetensors');

describeWithEngine('StructureFlow training reproduces the official structure step', () => {
  const { want } = fixtureTensors(fixture);

  it('losses and structure-reconstructor gradients of update_structure', async () => {
    const session = await structureFlowTraining.create({ size: 48, batch: 2, stage: 'structure', lr: 1e-4, dim: 16, residualBlocks: 1, off: '' });
    const generators = session.generator.module as StructureFlowGenerators;
    seeded(generators.s_gen, 51);
    seeded(session.discriminator!.module, 52);
    generators.train();
    session.discriminator!.module.train();
    const values = tidy(() => trainingStep(session, { image: want('images'), mask: want('masks') }));
    for (const name of ['l_s_adv_dis', 'l_s_l1', 'l_s_adv_gen']) {
      const theirs = want(name).item() as number;
      expect(Math.abs(values[name] - theirs) / Math.abs(theirs), name).toBeLessThan(1e-4);
    }
    const pairs = generators.s_gen.namedParameters().map(([name, parameter]) => ({ name, ours: sampled(parameter.grad!), theirs: want(`grad.${name}`).toArray() as Float32Array }));
    const largest = Math.max(...pairs.flatMap(({ theirs }) => [...theirs].map(Math.abs)));
    for (const { name, ours, theirs } of pairs) {
      expect(ours.length, name).toBe(theirs.length);
      expect(Math.max(...ours.map((v, i) => Math.abs(v - theirs[i]))) / largest, name).toBeLessThan(1e-3);
    }
  }, 120_000);
});
