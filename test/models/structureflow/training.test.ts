/**
 * StructureFlow's training stages through the shared training step against one official step each
 * (test/fixtures/models/structureflow/make_step_fixture.py: model 1's `update_structure`;
 * make_flow_step_fixture.py: `update_flow` of model 2 and of model 3; narrow generators, official
 * discriminators, every network and the VGG19s seeded; the crops' structure images from tsmooth in
 * GNU Octave): the logged losses, every trained generator gradient, and for the texture stages the
 * texture generator's weights after the Adam step.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { VggFeatures } from '../../../src/losses/vgg.js';
import type { Conv2dBlock } from '../../../src/models/structureflow/blocks.js';
import type { StructureFlowGenerators } from '../../../src/models/structureflow/network.js';
import { structureFlowTraining } from '../../../src/models/structureflow/training.js';
import { noGrad, saveSafetensors, tidy, type Tensor } from '../../../src/torch/index.js';
import type { AnyModule } from '../../../src/torch/nn/module.js';
import { trainingStep } from '../../../src/training/training-step.js';
import { describeWithEngine } from '../../torch/engine.js';
import { fixtureTensors } from '../fixture-tensors.js';
import { sampled, seededHe } from '../edgeconnect/seeded-weights.js';
import { seeded } from './seeded-weights.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'structureflow');
const narrow = { lr: 1e-4, dim: 16, residualBlocks: 1, off: '' } as const;

/**
 * Every sampled entry (`count` per tensor) of `values(name)` against the fixture's `${prefix}.${name}`,
 * relative to the largest entry the fixture holds.
 */
function expectSampledClose(module: AnyModule, prefix: string, values: (parameter: Tensor) => Tensor, want: (name: string) => Tensor, tolerance: number, count = 4096): void {
  const pairs = module.namedParameters().map(([name, parameter]) => ({ name, ours: sampled(values(parameter), count), theirs: want(`${prefix}.${name}`).toArray() as Float32Array }));
  const largest = Math.max(...pairs.flatMap(({ theirs }) => [...theirs].map(Math.abs)));
  expect(largest).toBeGreaterThan(0);
  for (const { name, ours, theirs } of pairs) {
    expect(ours.length, name).toBe(theirs.length);
    expect(Math.max(...ours.map((v, i) => Math.abs(v - theirs[i]))) / largest, name).toBeLessThan(tolerance);
  }
}

/**
 * The weights after the Adam step where the official gradient is more than 1e-4 of the largest:
 * Adam's first step moves every weight by about lr·sign(gradient), so where the gradient is
 * rounding noise (a convolution's bias before instance normalisation) the sign is a coin toss.
 */
function expectStepClose(module: AnyModule, want: (name: string) => Tensor, count: number): void {
  const pairs = module.namedParameters().map(([name, parameter]) => ({
    name, ours: sampled(parameter, count), after: want(`after.${name}`).toArray() as Float32Array, grad: want(`grad.${name}`).toArray() as Float32Array,
  }));
  const largest = Math.max(...pairs.flatMap(({ grad }) => [...grad].map(Math.abs)));
  let compared = 0;
  for (const { name, ours, after, grad } of pairs) {
    const errors = [...ours].flatMap((v, i) => (Math.abs(grad[i]) > 1e-4 * largest ? [Math.abs(v - after[i])] : []));
    compared += errors.length;
    expect(Math.max(0, ...errors), name).toBeLessThan(1e-6);
  }
  expect(compared).toBeGreaterThan(1000);
}

function expectLossesClose(values: Record<string, number>, want: (name: string) => Tensor, names: Record<string, string>): void {
  for (const [ours, theirs] of Object.entries(names)) {
    const value = want(theirs).item() as number;
    expect(values[ours], ours).toBeDefined();
    expect(Math.abs(values[ours] - value) / Math.abs(value), ours).toBeLessThan(1e-4);
  }
}

describeWithEngine('StructureFlow training reproduces the official steps', () => {
  const batch = fixtureTensors(join(fixtures, 'step.safetensors')).want;
  let folder: string;
  let vggFile: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'structureflow-training-'));
    // The fixture scripts' VGG19 (make_loss_fixture.py's seeding, 43), through relu5_2.
    const vgg = seededHe(new VggFeatures(19, ['relu5_2']), 43);
    vggFile = join(folder, 'vgg19.safetensors');
    await saveSafetensors(vggFile, vgg.stateDict());
    vgg.dispose();
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('losses and structure-reconstructor gradients of update_structure', async () => {
    const { want } = fixtureTensors(join(fixtures, 'step.safetensors'));
    const session = await structureFlowTraining.create({ ...narrow, size: 48, batch: 2, stage: 'structure' });
    const generators = session.generator.module as StructureFlowGenerators;
    seeded(generators.s_gen, 51);
    seeded(session.discriminator!.module, 52);
    generators.train();
    session.discriminator!.module.train();
    const values = tidy(() => trainingStep(session, { image: want('images'), mask: want('masks') }));
    expectLossesClose(values, want, { l_s_adv_dis: 'l_s_adv_dis', l_s_l1: 'l_s_l1', l_s_adv_gen: 'l_s_adv_gen' });
    expectSampledClose(generators.s_gen, 'grad', (p) => p.grad!, want, 1e-3);
  }, 120_000);

  for (const { stage, file } of [{ stage: 'flow', file: 'flow_step.safetensors' }, { stage: 'joint', file: 'joint_step.safetensors' }] as const) {
    it(`losses, texture-generator gradients and weights after one ${stage} step (official model ${stage === 'flow' ? 2 : 3})`, async () => {
      const { want, metadata } = fixtureTensors(join(fixtures, file));
      const session = await structureFlowTraining.create({ ...narrow, size: 48, batch: 2, stage, vgg: vggFile });
      const generators = session.generator.module as StructureFlowGenerators;
      seeded(generators.s_gen, 51);
      seeded(generators.f_gen, 53);
      // The fixture scales the flow head's last convolution so the flow reaches several pixels.
      noGrad(() => {
        const head = (generators.f_gen.flow_column.location.at(1) as Conv2dBlock).conv.weight;
        tidy(() => void head.copy_(head.mul(Number(metadata.flow_gain))));
      });
      seeded(session.discriminator!.module, 54);
      generators.train();
      session.discriminator!.module.train();
      const values = tidy(() => trainingStep(session, { image: batch('images'), mask: batch('masks') }));
      expectLossesClose(values, want, {
        l_f_adv_dis: 'l_f_adv_dis', l_f_adv_gen: 'l_f_adv_gen', l_f_l1: 'l_f_l1_gen', l_f_correctness: 'l_f_correctness_gen', g_loss: 'l_f_total_gen',
        ...(stage === 'joint' ? { l_f_vgg_style: 'l_f_vgg_style', l_f_vgg_content: 'l_f_vgg_content' } : {}),
      });
      // make_flow_step_fixture.py keeps at most 1024 entries of each tensor; the flow step's
      // fixture is the official step run in float64 (in float32 its own first block is 5.4e-3 off).
      expectSampledClose(generators.f_gen, 'grad', (p) => p.grad!, want, 1e-3, 1024);
      expectStepClose(generators.f_gen, want, 1024);
    }, 120_000);
  }
});
