/**
 * Two steps of `inpaint train --model csa` on one batch (the shared trainingStep on csaTraining's
 * session, netF on, the consistency losses off: at ngf 4 they cannot run, and officially they move
 * no weight) against CSA.py's optimize_parameters in python3-torch, twice
 * (test/fixtures/models/csa/step.safetensors, made by make_step_fixture.py: ngf 4, ndf 4, all
 * networks and VGG16 seeded): per step the losses, the gradients of all four networks at the end of
 * the step (netD and netF's: backward_D's plus what backward_G adds) and the weights after Adam
 * (2e-4, betas 0.5, 0.999). Step 1 alone cannot tell Adam's betas apart (its update is about lr x
 * the sign of the gradient); step 2 checks what carries over: Adam's moments and step counts, and
 * any state of the networks and losses.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { CsaDiscriminators } from '../../../src/models/csa/discriminators.js';
import type { CsaGenerators } from '../../../src/models/csa/generators.js';
import { csaTraining } from '../../../src/models/csa/training.js';
import { noGrad, tidy, type Tensor } from '../../../src/torch/index.js';
import type { AnyModule } from '../../../src/torch/nn/module.js';
import { trainingStep } from '../../../src/training/training-step.js';
import { describeWithEngine } from '../../torch/engine.js';
import { fixtureTensors } from '../fixture-tensors.js';
import { seeded } from './seeded.js';

// The session loads torchvision's VGG16 from the weights folder: here the fixture's seeded one.
vi.mock('../../../src/losses/index.js', async (importOriginal) => {
  const losses = await importOriginal<typeof import('../../../src/losses/index.js')>();
  const { seeded: seed } = await import('./seeded.js');
  return { ...losses, loadVggFeatures: async (depth: 16 | 19, taps: readonly string[]) => seed(new losses.VggFeatures(depth, taps), 35) };
});

const fixture = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'csa', 'step.safetensors');
/**
 * CSA.py's forward zeroes the hole of input_A in place (`real_A.data.masked_fill_`) after netP has
 * run on it (mean-filled): autograd does not see a change made through `.data`, so the official
 * gradient of netP's first convolution weights is computed as if netP's input had a zero hole.
 * Ours is the gradient of what netP computed: it is checked against the official code run with
 * netP given a copy of its input (grad_clean), and seen to differ from the official quirk.
 */
const QUIRK = 'P.model.model.0.weight';
const LR = 2e-4;
const CSA_INPUT_BIAS = 'model.model.1.model.6.model.6.model.4.bias';
let weightsDir: string;
const savedWeightsDir = process.env.INPAINT_WEIGHTS;

beforeAll(async () => {
  weightsDir = await mkdtemp(join(tmpdir(), 'csa-step-'));
  await writeFile(join(weightsDir, 'vgg16-397923af.pth'), '');
  process.env.INPAINT_WEIGHTS = weightsDir;
});

afterAll(async () => {
  if (savedWeightsDir === undefined) delete process.env.INPAINT_WEIGHTS;
  else process.env.INPAINT_WEIGHTS = savedWeightsDir;
  await rm(weightsDir, { recursive: true, force: true });
});

/** Largest |ours - official| over the fixture's head of a tensor, relative to the official head's largest magnitude. */
function relativeDiff(ours: Tensor, official: Tensor): number {
  return tidy(() => {
    const head = ours.reshape(-1).narrow(0, 0, official.shape[0]);
    return (head.sub(official).abs().amax().item() as number) / Math.max(official.abs().amax().item() as number, 1e-12);
  });
}

/** |ours - official| over the head of a tensor: its largest, and how many elements exceed `limit`. */
function headDistance(ours: Tensor, official: Tensor, limit: number): { largest: number; beyond: number } {
  return tidy(() => {
    const distance = ours.reshape(-1).narrow(0, 0, official.shape[0]).sub(official).abs();
    return { largest: distance.amax().item() as number, beyond: distance.gt(limit).sum().item() as number };
  });
}

type Want = (name: string) => Tensor;

function expectLosses(losses: Record<string, number>, want: Want, step: number): void {
  const diffs = Object.fromEntries(['d_loss', 'l1', 'adversarial', 'g_loss'].map((name) => {
    const official = want(`${step}.${name}`).item() as number;
    return [name, Math.abs(losses[name] - official) / Math.abs(official)];
  }));
  console.log(`csa step ${step} losses (relative): ${JSON.stringify(diffs)}`);
  for (const [name, diff] of Object.entries(diffs)) expect(diff, `step ${step}: ${name}`).toBeLessThanOrEqual(1e-4);
}

interface StepTolerance {
  /** Largest gradient difference, relative to the official head's largest, per network label. */
  readonly gradient: (label: string, name: string) => number;
  /** Elements of a tensor whose weight may be off by more than `weightStep` after the step. */
  readonly weightStep: number;
  /** How far apart a weight may end (noise biases excepted). */
  readonly weightLargest: number;
  /** How far apart a bias with a noise gradient may end. */
  readonly noiseLargest: number;
}

/**
 * The gradients at the end of a step and the weights after it against the official heads.
 * A bias just before an instance norm has a gradient that is mathematically zero: what both sides
 * compute is rounding noise (below 1e-4 of the network's largest gradient over the fixture's
 * heads), and Adam moves such a weight by up to about lr either way a step: only its size is checked.
 */
function expectNetworks(networks: [string, AnyModule][], want: Want, step: number, tolerance: StepTolerance, skip: (key: string) => boolean = () => false): void {
  const worst: Record<string, number> = {};
  let noise = 0, offElements = 0, checkedElements = 0;
  for (const [label, module] of networks) {
    const parameters = module.namedParameters();
    const official = (name: string) => want(`${step}.grad.${label}.${name}`).abs().amax().item() as number;
    const noiseLevel = 1e-4 * Math.max(...parameters.map(([name]) => official(name)));
    for (const [name, parameter] of parameters) {
      const key = `${label}.${name}`;
      const after = want(`${step}.after.${key}`);
      const weights = headDistance(parameter, after, tolerance.weightStep);
      if (official(name) < noiseLevel) {
        noise++;
        expect(headDistance(parameter.grad!, want(`${step}.grad.${key}`), 0).largest, `step ${step}: gradient of ${key}: noise`).toBeLessThan(noiseLevel);
        expect(weights.largest, `step ${step}: ${key} after the step (noise gradient)`).toBeLessThanOrEqual(tolerance.noiseLargest);
        continue;
      }
      if (skip(key)) continue;
      const gradient = relativeDiff(parameter.grad!, want(`${step}.grad.${key}`));
      worst[label] = Math.max(worst[label] ?? 0, gradient);
      expect(gradient, `step ${step}: gradient of ${key}`).toBeLessThanOrEqual(tolerance.gradient(label, name));
      expect(weights.largest, `step ${step}: ${key} after the step`).toBeLessThanOrEqual(tolerance.weightLargest);
      expect(weights.beyond, `step ${step}: ${key}: elements off by more than ${tolerance.weightStep / LR} lr`).toBeLessThanOrEqual(Math.max(2, 0.002 * after.shape[0]));
      offElements += weights.beyond;
      checkedElements += after.shape[0];
    }
  }
  console.log(`csa step ${step}: ${noise} noise biases; gradients' worst relative difference ${JSON.stringify(worst)}; weights: ${offElements} of ${checkedElements} elements off by more than ${tolerance.weightStep / LR} lr`);
}

describeWithEngine('CSA training steps against CSA.py optimize_parameters (ngf 4, ndf 4, 256x256)', () => {
  it('two steps on one batch: losses, the gradients of netP, netG, netD, netF and their weights after Adam', async () => {
    const { want } = fixtureTensors(fixture);
    const session = await csaTraining.create(csaTraining.options.parse({ ngf: 4, ndf: 4, off: 'consistency' }));
    const generators = session.generator.module as CsaGenerators;
    const discriminators = session.discriminator!.module as CsaDiscriminators;
    const networks: [string, AnyModule][] = [['P', seeded(generators.rough, 31)], ['G', seeded(generators.refine, 32)],
      ['D', seeded(discriminators.patch, 33)], ['F', seeded(discriminators.feature, 34)]];
    noGrad(() => tidy(() => {
      const bias = generators.refine.stateDict().get(CSA_INPUT_BIAS)!;
      bias.copy_(bias.add(2));
    }));
    const batch = { image: want('image'), mask: want('mask') };

    expectLosses(tidy(() => trainingStep(session, batch)), want, 1);
    // Adam's first step moves each weight by about lr x the sign of its gradient: within a
    // hundredth of a step, but for the odd element whose gradient is near zero (rounding decides
    // its sign, or eps its size): at most 0.2 % of a tensor, and by at most 2 lr.
    expectNetworks(networks, want, 1, { gradient: () => 1e-3, weightStep: 0.01 * LR, weightLargest: 2.02 * LR, noiseLargest: 2.02 * LR }, (key) => key === QUIRK);
    const quirk = networks[0][1].namedParameters().find(([name]) => `P.${name}` === QUIRK)![1];
    // Officially 0.09 relative off ours: the gradient of netP's first convolution as if its input's hole were 0.
    expect(relativeDiff(quirk.grad!, want(`1.grad.${QUIRK}`)), `official gradient of ${QUIRK}`).toBeGreaterThan(0.03);
    expect(relativeDiff(quirk.grad!, want(`grad_clean.${QUIRK}`)), `gradient of ${QUIRK}, netP given a copy`).toBeLessThanOrEqual(1e-3);

    // Those few elements of netG that Adam's first step sent the other way (4 weights of 305k, in
    // the blocks at 2x2 and 1x1, where an instance norm normalises 4 values) move the second
    // step's output by 1e-3 and netG's gradients by 10-50 %: step 2 starts from the official netG.
    const official = generators.refine.namedParameters();
    const flipped = official.filter(([, parameter]) => parameter.shape.length > 1)
      .reduce((sum, [name, parameter]) => sum + tidy(() => parameter.sub(want(`1.weights.G.${name}`)).abs().gt(0.01 * LR).sum().item() as number), 0);
    console.log(`csa step 1: ${flipped} of netG's convolution weights (whole tensors) off by more than lr / 100`);
    expect(flipped, "netG's convolution weights off by more than lr / 100 after step 1").toBeLessThanOrEqual(10);
    noGrad(() => { for (const [name, parameter] of official) parameter.copy_(want(`1.weights.G.${name}`)); });

    expectLosses(tidy(() => trainingStep(session, batch)), want, 2);
    // Step 2 is against the official run whose netP got a copy of its input (our netP's first
    // gradient is that run's). netF's first convolution: 9e-2 of its largest, from the ~1700 of
    // netF's 10.5M weights that its second Adam step moves up to 1.5 lr apart (near-zero
    // gradients again; netF is 42 MB, not stored whole: see the model README); the rest within
    // 1e-3 (netG 5e-3). Adam's second step (lr x m / sqrt(v)) is no sign: within lr / 20, but for
    // 0.2 % of a tensor.
    const gradient = (label: string, name: string) => (label === 'F' && name.startsWith('model.0.') ? 0.15 : label === 'G' ? 5e-3 : 1e-3);
    expectNetworks(networks, want, 2, { gradient, weightStep: 0.05 * LR, weightLargest: 2.02 * LR, noiseLargest: 4.2 * LR });
  }, 240_000);
});
