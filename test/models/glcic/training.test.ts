/**
 * GLCIC's training step against the PyTorch transcription of the paper's training
 * (test/fixtures/models/glcic/step.safetensors, made by make_step_fixture.py): from the same
 * weights and batch, the shared loop's step (context discriminator update, then completion-network
 * update, Adam lr 1e-3) gives the same losses (1e-4 relative), the same completion-network
 * gradients (1e-3 relative to each tensor's largest value) and the same weights and batch-norm
 * statistics after the step (1e-4).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { glcicTraining } from '../../../src/models/glcic/training.js';
import { trainingStep } from '../../../src/training/training-step.js';
import { decodeSafetensors, tidy, type StateDict, type Tensor } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'glcic');

/** The fixture's tensors under `prefix`, renamed without it. */
function under(fixture: StateDict, prefix: string): StateDict {
  return new Map([...fixture].filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key.slice(prefix.length), value]));
}

function maxAbsDiff(actual: Tensor, expected: Tensor): number {
  expect(actual.shape).toEqual(expected.shape);
  return actual.sub(expected).abs().amax().item() as number;
}

describeWithEngine('GLCIC training step parity (completion width 4, discriminators width 2, 2x3x64x64)', () => {
  it('losses, gradients and the weights after one step match the transcription', async () => {
    const fixture = decodeSafetensors(readFileSync(join(folder, 'step.safetensors'))).stateDict;
    const want = (name: string): Tensor => fixture.get(name) ?? (() => { throw new Error(`no ${name} in the fixture`); })();
    const session = await glcicTraining.create({ size: 64, batch: 2, lr: 1e-3, width: 4, dWidth: 2, alpha: 0.0004 });
    for (const [prefix, network] of [['G', session.generator], ['D', session.discriminator!]] as const) {
      const before = under(fixture, `before.${prefix}.`);
      // PyTorch's num_batches_tracked counters are not in the fixture; everything else is.
      const own = [...network.module.stateDict().keys()].filter((key) => !key.endsWith('num_batches_tracked'));
      expect([...before.keys()].sort()).toEqual(own.sort());
      network.module.loadStateDict(before, { strict: false });
    }
    const losses = tidy(() => trainingStep(session, { image: want('image'), mask: want('mask') }));
    for (const name of ['d_loss', 'mse', 'g_gan', 'g_loss']) {
      const expected = want(name).item() as number;
      expect(Math.abs(losses[name] - expected) / Math.abs(expected), name).toBeLessThanOrEqual(1e-4);
    }
    let worstGradient = 0;
    /** Parameters whose gradient is 0 but for float noise: Adam's first step moves them by up to lr whatever the noise. */
    const noise = new Set<string>();
    const parameters = session.generator.module.namedParameters();
    const largest = Math.max(...parameters.map(([name]) => tidy(() => want(`grad.G.${name}`).abs().amax().item() as number)));
    for (const [name, parameter] of parameters) {
      const relative = tidy(() => {
        const expected = want(`grad.G.${name}`);
        // A convolution's bias before batch normalisation in training mode gets a gradient of 0 up to
        // float noise (the normalisation removes any constant): held to 1e-2 of the network's largest gradient
        // (5.9e-9 against 8.6e-3 in this fixture).
        return maxAbsDiff(parameter.grad!, expected) / Math.max(expected.abs().amax().item() as number, 1e-2 * largest);
      });
      expect(relative, `gradient of ${name}`).toBeLessThanOrEqual(1e-3);
      if (tidy(() => want(`grad.G.${name}`).abs().amax().item() as number) < 1e-4 * largest) noise.add(`G.${name}`);
      worstGradient = Math.max(worstGradient, relative);
    }
    let worstWeight = 0, moved = 0, count = 0;
    for (const [prefix, network] of [['G', session.generator], ['D', session.discriminator!]] as const) {
      for (const [name, value] of network.module.stateDict()) {
        if (name.endsWith('num_batches_tracked')) continue;
        const found = tidy(() => ({
          diff: maxAbsDiff(value, want(`after.${prefix}.${name}`)),
          moved: value.sub(want(`before.${prefix}.${name}`)).abs().gt(1e-4).sum().item() as number,
        }));
        if (noise.has(`${prefix}.${name}`)) {
          expect(found.diff, `${prefix}.${name} after the step (a noise gradient)`).toBeLessThanOrEqual(2 * 1e-3);
          continue;
        }
        expect(found.diff, `${prefix}.${name} after the step`).toBeLessThanOrEqual(1e-4);
        worstWeight = Math.max(worstWeight, found.diff);
        moved += found.moved;
        count += value.numel;
      }
    }
    // Most values moved by more than the tolerance: the comparison means something.
    expect(moved / count).toBeGreaterThan(0.5);
    console.log(`glcic training step parity: losses ${JSON.stringify(losses)}; worst relative gradient difference ${worstGradient.toExponential(2)}; weights after the step max abs difference ${worstWeight.toExponential(2)}; ${moved} of ${count} values moved by more than 1e-4; noise gradients (biases before batch norm, held to 2 lr): ${[...noise].join(', ')}`);
    session.generator.module.dispose();
    session.discriminator!.module.dispose();
  });
});
