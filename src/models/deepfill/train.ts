/**
 * Training DeepFill v2 as the port trains it (nipponjo/deepfillv2-pytorch, train.py): per step,
 * one discriminator update on real and filled images (hinge loss), then one generator update on
 * L1 of both stages plus the generator hinge loss, Adam for both (betas 0.5, 0.999).
 *
 * The output folder holds `generator.safetensors` (what --weights takes), `discriminator.safetensors`,
 * `optimizers.safetensors` (both Adams' moment estimates and step counts), `training.json` (step,
 * options), `losses.csv` and `losses.png`, written every `checkpointEvery` steps and at the end,
 * each file atomically. Resuming restores all of it, so a resumed run goes on as if unbroken.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError, InvalidOptionError, throwIfCancelled } from '../../core/errors.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { Adam, cat, encodeSafetensors, loadSafetensors, manualSeed, tidy, type StateDict } from '../../torch/index.js';
import { SNPatchGANDiscriminator } from './discriminator.js';
import { DeepFillGenerator } from './generator.js';
import { networkInput } from './inpaint.js';
import { appendLossRows, readLossLog, startLossLog, writeLossPlot, type LossRow } from './loss-log.js';
import { hingeLossD, hingeLossG, reconstructionLoss } from './losses.js';
import { TrainingData } from './training-data.js';

export interface TrainOptions {
  readonly imagesDir: string;
  /** Hole masks to draw from; generated free-form strokes and boxes when left out. */
  readonly masksDir?: string;
  readonly outDir: string;
  /** Crop size, a multiple of 8. @default 256 */
  readonly size?: number;
  /** @default 4 */
  readonly batchSize?: number;
  /** Generator width (48 official). @default 48 */
  readonly cnum?: number;
  /** Discriminator width (64 in the port). @default 64 */
  readonly dCnum?: number;
  /** Stop after this many steps in all (counting those before a resume). */
  readonly steps?: number;
  /** Stop after this much wall time in this run, minutes. */
  readonly minutes?: number;
  /** @default 1e-4 */
  readonly lr?: number;
  /** @default 100 */
  readonly checkpointEvery?: number;
  /** Continue from the checkpoint in outDir. @default false */
  readonly resume?: boolean;
  /** @default 0 */
  readonly seed?: number;
  readonly signal?: AbortSignal;
  /** After every step: the step, how far the run is (0..1) and the losses. */
  readonly onStep?: (row: LossRow, fraction: number) => void;
  readonly onNote?: (message: string) => void;
}

interface TrainingState {
  readonly model: 'deepfillv2';
  readonly step: number;
  readonly size: number;
  readonly batchSize: number;
  readonly cnum: number;
  readonly dCnum: number;
  readonly lr: number;
  readonly seconds: number;
}

export async function trainDeepFill(options: TrainOptions): Promise<{ step: number; seconds: number }> {
  const size = options.size ?? 256;
  const batchSize = options.batchSize ?? 4;
  const lr = options.lr ?? 1e-4;
  const checkpointEvery = options.checkpointEvery ?? 100;
  if (!Number.isInteger(size) || size < 64 || size % 8 !== 0) throw new InvalidOptionError('size', 'a multiple of 8, at least 64', size);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new InvalidOptionError('batch size', 'an integer >= 1', batchSize);
  if (!(lr > 0)) throw new InvalidOptionError('lr', 'a number > 0', lr);
  if (options.steps === undefined && options.minutes === undefined) {
    throw new InvalidOptionError('steps or minutes', 'a limit on the run (--steps N and/or --minutes M)', undefined);
  }
  await mkdir(options.outDir, { recursive: true });
  const statePath = join(options.outDir, 'training.json');
  const previous = await readState(statePath);
  if (previous && !options.resume) {
    throw new InvalidInputError(options.outDir, 'a folder without a training run (or --resume to continue it)', `a run at step ${previous.step}`);
  }
  if (!previous && options.resume) options.onNote?.(`nothing to resume in ${options.outDir}: starting a new run`);
  const cnum = previous?.cnum ?? options.cnum ?? 48;
  const dCnum = previous?.dCnum ?? options.dCnum ?? 64;
  if (previous && (previous.size !== size || (options.cnum !== undefined && options.cnum !== previous.cnum))) {
    options.onNote?.(`resuming a run of width ${previous.cnum} at ${previous.size}px, now at ${size}px`);
  }

  manualSeed(options.seed ?? 0);
  const generator = new DeepFillGenerator({ cnum });
  const discriminator = new SNPatchGANDiscriminator({ cnum: dCnum });
  let step = 0;
  let secondsBefore = 0;
  if (previous) {
    generator.loadStateDict(await loadSafetensors(join(options.outDir, 'generator.safetensors')));
    discriminator.loadStateDict(await loadSafetensors(join(options.outDir, 'discriminator.safetensors')));
    step = previous.step;
    secondsBefore = previous.seconds;
  }
  generator.train();
  discriminator.train();
  const data = await TrainingData.load({ imagesDir: options.imagesDir, masksDir: options.masksDir, size, seed: (options.seed ?? 0) + step });
  options.onNote?.(`${data.photoCount} photos; ${size}x${size} crops, batch ${batchSize}, generator width ${cnum}, discriminator ${dCnum}`);
  const gOptimizer = new Adam(generator.parameters(), { lr, betas: [0.5, 0.999] });
  const dOptimizer = new Adam(discriminator.parameters(), { lr, betas: [0.5, 0.999] });
  const optimizersPath = join(options.outDir, 'optimizers.safetensors');
  if (previous) {
    const saved = await loadSafetensors(optimizersPath).catch(() => undefined);
    if (saved) {
      gOptimizer.loadStateDict(withoutPrefix(saved, 'generator.'));
      dOptimizer.loadStateDict(withoutPrefix(saved, 'discriminator.'));
    } else {
      options.onNote?.(`no ${optimizersPath}: Adam's moment estimates start again from zero`);
    }
  }
  const csv = join(options.outDir, 'losses.csv');
  await startLossLog(csv, previous !== undefined);

  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  const firstStep = step;
  const progress = (): number => Math.max(
    options.steps === undefined ? 0 : (step - firstStep) / Math.max(1, options.steps - firstStep),
    options.minutes === undefined ? 0 : elapsed() / (options.minutes * 60),
  );
  const done = (): boolean =>
    (options.steps !== undefined && step >= options.steps) || (options.minutes !== undefined && elapsed() >= options.minutes * 60);
  let pending: LossRow[] = [];
  const save = async (): Promise<void> => {
    await appendLossRows(csv, pending);
    pending = [];
    await writeFileAtomic(join(options.outDir, 'generator.safetensors'), encodeSafetensors(generator.stateDict(), { model: 'deepfillv2', cnum: String(cnum) }));
    await writeFileAtomic(join(options.outDir, 'discriminator.safetensors'), encodeSafetensors(discriminator.stateDict(), { cnum: String(dCnum) }));
    // The state dicts are copies: encoded inside a scope that frees them.
    const optimizers = tidy(() =>
      encodeSafetensors(new Map([...withPrefix(gOptimizer.stateDict(), 'generator.'), ...withPrefix(dOptimizer.stateDict(), 'discriminator.')])),
    );
    await writeFileAtomic(optimizersPath, optimizers);
    const state: TrainingState = { model: 'deepfillv2', step, size, batchSize, cnum, dCnum, lr, seconds: secondsBefore + elapsed() };
    await writeFileAtomic(statePath, new TextEncoder().encode(JSON.stringify(state, null, 2)));
    await writeLossPlot(join(options.outDir, 'losses.png'), await readLossLog(csv));
  };

  try {
    while (!done()) {
      throwIfCancelled(options.signal);
      const row = tidy(() => {
        const { real, mask } = data.next(batchSize);
        const { coarse, refined } = generator.call(networkInput(real, mask), mask);
        const complete = refined.mul(mask).add(real.mul(mask.neg().add(1)));
        // Discriminator: real and filled images (with the mask) in one batch.
        dOptimizer.zeroGrad();
        const scores = discriminator.call(cat([cat([real, mask], 1), cat([complete.detach(), mask], 1)]));
        const [dReal, dFake] = scores.split(batchSize);
        const dLoss = hingeLossD(dReal, dFake);
        dLoss.backward();
        dOptimizer.step();
        // Generator: L1 of both stages plus fooling the updated discriminator.
        gOptimizer.zeroGrad();
        const ae = reconstructionLoss(real, coarse, refined);
        const gGan = hingeLossG(discriminator.call(cat([complete, mask], 1)));
        const gLoss = gGan.add(ae);
        gLoss.backward();
        gOptimizer.step();
        step++;
        return { step, seconds: secondsBefore + elapsed(), dLoss: dLoss.item() as number, gGan: gGan.item() as number, ae: ae.item() as number, gLoss: gLoss.item() as number };
      });
      pending.push(row);
      options.onStep?.(row, Math.min(1, progress()));
      if (step % checkpointEvery === 0) await save();
      // Let Ctrl-C and finalizers in between steps.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    if (pending.length > 0 || step === firstStep) await save();
    generator.dispose();
    discriminator.dispose();
  }
  return { step, seconds: secondsBefore + elapsed() };
}

async function readState(path: string): Promise<TrainingState | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const state = JSON.parse(text) as TrainingState;
  if (state.model !== 'deepfillv2' || !Number.isInteger(state.step)) {
    throw new InvalidInputError(path, 'a deepfillv2 training state', text.slice(0, 80));
  }
  return state;
}

function withPrefix(dict: StateDict, prefix: string): StateDict {
  return new Map([...dict].map(([key, value]) => [prefix + key, value]));
}

function withoutPrefix(dict: StateDict, prefix: string): StateDict {
  return new Map([...dict].filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key.slice(prefix.length), value]));
}
