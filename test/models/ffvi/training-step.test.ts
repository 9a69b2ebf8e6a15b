/**
 * One FFVI training step of the shared loop (trainingStep with training.ts) against the official
 * `_train_epoch` step of losses.test.ts's fixture (step.safetensors, make_step_fixture.py): its
 * checkpoint (nf 8, T-PatchGAN nf 4) loaded into the session's networks, its loss VGG16 (seeded
 * as the script seeds it) given as the session's VGG file, its 2-frame 32x48 clip as the loop's
 * batch ([B, T, 3, H, W], hole = 1). The loss values to 1e-4 relative, the gradients each Adam
 * step receives to 1e-2 and every parameter after both steps to 1e-3 (the tolerances of
 * losses.test.ts, which says why). The same comparison fails with the hole and the valid
 * pixels swapped, and with the discriminator updated first (the shared loop's default order).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { VggFeatures } from '../../../src/losses/index.js';
import { FFVI_VGG_LAYERS } from '../../../src/models/ffvi/losses.js';
import { ffviTraining } from '../../../src/models/ffvi/training.js';
import { saveSafetensors, tidy, type nn, type StateDict, type Tensor } from '../../../src/torch/index.js';
import type { TrainedNetwork, TrainingBatch, TrainingSession } from '../../../src/training/network-training.js';
import { trainingStep } from '../../../src/training/training-step.js';
import { readStateDicts, singleFileLayout } from '../../../src/weights/release.js';
import { describeWithEngine } from '../../torch/engine.js';
import { sampled, seededHe } from '../edgeconnect/seeded-weights.js';
import { fixtureTensors } from '../fixture-tensors.js';
import { relativeError } from './relative-error.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'ffvi');
const TOLERANCE = { loss: 1e-4, grad: 1e-2, after: 1e-3 };
const LOSS_NAMES: Record<string, string> = { recon: 'recon', vgg: 'vgg', style: 'style', ganTemporal: 'ganTemporal', total: 'total', discriminator: 'discriminator' };

let folder: string;
let vggFile: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ffvi-step-'));
  vggFile = join(folder, 'vgg16.safetensors');
  const vgg = seededHe(new VggFeatures(16, FFVI_VGG_LAYERS), 43);
  await saveSafetensors(vggFile, vgg.stateDict());
  vgg.dispose();
});

afterAll(() => rm(folder, { recursive: true, force: true }));


/** Keys under `prefix.`, with it kept or taken off. */
function part(stateDict: StateDict, prefix: string, keep: boolean): StateDict {
  return new Map([...stateDict].filter(([key]) => key.startsWith(`${prefix}.`)).map(([key, value]) => [keep ? key : key.slice(prefix.length + 1), value]));
}

/**
 * Every comparison's relative error (`loss.`, `grad.`, `after.` + the official name) after one
 * shared-loop step of a session built from the fixture, the batch made by `batchOf`.
 */
async function stepErrors(
  batchOf: (targets: Tensor, valid: Tensor) => TrainingBatch,
  change: (session: TrainingSession) => TrainingSession = (session) => session,
): Promise<Map<string, number>> {
  const fixture = fixtureTensors(join(fixtures, 'step.safetensors'));
  expect(Number(fixture.metadata.gan_t)).toBe(0.1);
  const session = change(await ffviTraining.create(ffviTraining.options.parse({ size: 32, frames: 2, batch: 1, nf: 8, dNf: 4, vgg: vggFile })));
  const checkpoint = (await readStateDicts(join(fixtures, 'weights.pth'), singleFileLayout('model', ['state_dict']))).get('model')!;
  session.generator.module.loadStateDict(part(checkpoint, 'generator', true));
  session.discriminator!.module.loadStateDict(part(checkpoint, 'temporal_discriminator', false));
  const networks: [string, TrainedNetwork][] = [['generator', session.generator], ['temporal_discriminator', session.discriminator!]];
  const named = (prefix: string, module: nn.Module<any[], unknown>): [string, Tensor][] =>
    module.namedParameters().map(([name, p]) => [prefix === 'generator' ? name : `${prefix}.${name}`, p]);
  for (const [, network] of networks) network.module.train();

  const errors = new Map<string, number>();
  const compare = (prefix: string, parameters: [string, Tensor][], what: (p: Tensor) => Tensor) => {
    for (const [name, p] of parameters) errors.set(`${prefix}.${name}`, relativeError(sampled(what(p)), fixture.want(`${prefix}.${name}`).toArray() as Float32Array));
  };
  // The gradients as each Adam step receives them.
  for (const [prefix, network] of networks) {
    const adamStep = network.optimizer.step.bind(network.optimizer);
    network.optimizer.step = () => {
      compare('grad', named(prefix, network.module), (p) => p.grad!);
      adamStep();
    };
  }
  const targets = fixture.want('targets');
  const valid = fixture.want('masks');
  const losses = tidy(() => trainingStep(session, batchOf(targets, valid)));
  for (const [ours, official] of Object.entries(LOSS_NAMES)) {
    errors.set(`loss.${official}`, Math.abs(losses[ours] - (fixture.want(`loss.${official}`).item() as number)) / Math.abs(fixture.want(`loss.${official}`).item() as number));
  }
  for (const [prefix, network] of networks) compare('after', named(prefix, network.module), (p) => p);
  expect(errors.size).toBe(fixture.names.filter((name) => /^(loss|grad|after)\./.test(name)).length);
  for (const [, network] of networks) network.module.dispose();
  return errors;
}

function failures(errors: Map<string, number>): string[] {
  return [...errors].filter(([name, error]) => !(error < TOLERANCE[name.split('.')[0] as keyof typeof TOLERANCE])).map(([name]) => name);
}

/** The loop's batch: the official clip and its mask (1 = valid) turned into hole = 1. */
const loopBatch = (targets: Tensor, valid: Tensor): TrainingBatch => ({ image: targets, mask: valid.neg().add(1) });

describeWithEngine('FFVI training step of the shared loop against the official trainer', () => {
  it('losses, gradients and every parameter after the generator\'s and then the T-PatchGAN\'s Adam step', async () => {
    const errors = await stepErrors(loopBatch);
    const worst = [...errors].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, e]) => `${n} ${e.toExponential(2)}`);
    const losses = [...errors].filter(([n]) => n.startsWith('loss.')).map(([n, e]) => `${n} ${e.toExponential(2)}`);
    console.log(`ffvi shared-loop step: ${errors.size} comparisons; losses ${losses.join(', ')}; worst ${worst.join(', ')}`);
    expect(failures(errors)).toEqual([]);
  }, 60_000);

  it('fails with the hole and the valid pixels swapped', async () => {
    const errors = await stepErrors((targets, valid) => ({ image: targets, mask: valid }));
    expect(failures(errors).filter((name) => name.startsWith('loss.')).length).toBeGreaterThan(0);
  }, 60_000);

  it('fails with the discriminator updated first', async () => {
    const errors = await stepErrors(loopBatch, (session) => ({ ...session, firstUpdate: 'discriminator' }));
    expect(failures(errors).length).toBeGreaterThan(0);
  }, 60_000);
});
