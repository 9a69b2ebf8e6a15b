/**
 * The training loop every network shares. Per step: one batch (training-batches.ts), the network's
 * forward pass, its discriminator step (zero, backward, optimiser step), then its generator step; the
 * named loss terms go to the loss log. A checkpoint (checkpoint.ts) and the loss plot are written
 * every `checkpointEvery` steps and when the run stops (by steps, by time or by Ctrl-C). Resuming
 * restores weights, optimizers, step and random state, so a resumed run goes on exactly as an
 * unbroken one would have.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InvalidInputError, InvalidOptionError, throwIfCancelled } from '../core/errors.js';
import { parseOptions } from '../registry/parse-options.js';
import { manualSeed, tidy } from '../torch/index.js';
import { TrainingCheckpoint, type CheckpointState } from './checkpoint.js';
import { LossLog, type LossRow } from './loss-log.js';
import { namedNetworks, type NetworkTraining, type TrainingBasics, type TrainingSession } from './network-training.js';
import { trainingStep } from './training-step.js';
import { batchTensors, TrainingBatches } from './training-batches.js';

export interface TrainNetworkOptions {
  readonly imagesDir: string;
  /** Hole masks to draw from; generated free-form strokes and boxes when left out. */
  readonly masksDir?: string;
  readonly outDir: string;
  /** The network's training options (its schema fills in defaults); on resume, changes to the saved ones. */
  readonly options?: Record<string, unknown>;
  /** Stop at this step (counting those before a resume). */
  readonly steps?: number;
  /** Stop after this much wall time in this run, minutes. */
  readonly minutes?: number;
  /** @default 100 */
  readonly checkpointEvery?: number;
  /** Continue from the checkpoint in outDir. @default false */
  readonly resume?: boolean;
  /** Seed of the initial weights, crops and holes. @default 0 */
  readonly seed?: number;
  readonly signal?: AbortSignal;
  /** After every step. */
  readonly onStep?: (progress: TrainingProgress) => void;
  readonly onNote?: (message: string) => void;
}

export interface TrainingProgress extends LossRow {
  /** How far the run is, 0..1, by steps or by time, whichever is further. */
  readonly fraction: number;
  /** Estimated seconds to the end of this run. */
  readonly secondsLeft: number;
}

const basicsSchema = z.object({ size: z.number().int().min(8), batch: z.number().int().min(1), frames: z.number().int().min(1).optional() });

export async function trainNetwork(training: NetworkTraining, options: TrainNetworkOptions): Promise<{ step: number; seconds: number }> {
  const { steps, minutes } = options;
  const checkpointEvery = options.checkpointEvery ?? 100;
  const seed = options.seed ?? 0;
  if (steps === undefined && minutes === undefined) {
    throw new InvalidOptionError('steps or minutes', 'a limit on the run (--steps N and/or --minutes M)', undefined);
  }
  const checkpoint = new TrainingCheckpoint(options.outDir);
  const previous = await checkpoint.readState();
  if (previous && !options.resume) {
    throw new InvalidInputError(options.outDir, 'a folder without a training run (or --resume to continue it)', `a run at step ${previous.step}`);
  }
  if (previous && previous.model !== training.id) {
    throw new InvalidInputError(checkpoint.statePath, `a ${training.id} training run`, `a ${previous.model} run`);
  }
  if (!previous && options.resume) options.onNote?.(`nothing to resume in ${options.outDir}: starting a new run`);
  const networkOptions = resolveOptions(training, options.options ?? {}, previous);
  const basics: TrainingBasics = basicsSchema.parse(networkOptions);
  const clips = training.data === 'clips';
  if (clips && basics.frames === undefined) throw new Error(`${training.id} training trains on clips: its options need frames`);
  const data = await TrainingBatches.open({
    imagesDir: options.imagesDir,
    masksDir: options.masksDir,
    size: basics.size,
    batchSize: basics.batch,
    frames: clips ? basics.frames : undefined,
    randomState: previous?.randomState ?? seed,
  });
  options.onNote?.(`${data.photoCount} photos${clips ? ' (each clip a camera pan over one)' : ''}; ${Object.entries(networkOptions).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  manualSeed(seed);
  const session = await training.create({ ...networkOptions, ...basics });
  try {
    // Only now, with the options, folders and the network's own files checked: a refused run leaves no folder behind.
    await mkdir(options.outDir, { recursive: true });
    for (const [, network] of namedNetworks(session)) network.module.train();
    if (previous) await checkpoint.restore(session, previous);
    const log = new LossLog(join(options.outDir, 'losses.csv'), session.lossTerms ?? training.lossTerms);
    await log.start(previous?.step);
    return await runSteps(training, session, data, log, checkpoint, { ...options, seed, checkpointEvery, networkOptions, previous });
  } finally {
    for (const [, network] of namedNetworks(session)) network.module.dispose();
  }
}

/** The saved options with the requested changes; changing what the checkpoint's shapes fix is refused. */
function resolveOptions(training: NetworkTraining, requested: Record<string, unknown>, previous: CheckpointState | undefined): Record<string, unknown> {
  if (!previous) return parseOptions(training, requested);
  for (const key of training.fixedOnResume) {
    if (key in requested && requested[key] !== previous.options[key]) {
      throw new InvalidOptionError(`${training.id} option ${key}`, `${String(previous.options[key])}, the value of the run being resumed (its weights have that shape)`, requested[key]);
    }
  }
  return parseOptions(training, { ...previous.options, ...requested });
}

interface LoopSettings extends TrainNetworkOptions {
  readonly seed: number;
  readonly checkpointEvery: number;
  readonly networkOptions: Record<string, unknown>;
  readonly previous?: CheckpointState;
}

async function runSteps(
  training: NetworkTraining,
  session: TrainingSession,
  data: TrainingBatches,
  log: LossLog,
  checkpoint: TrainingCheckpoint,
  settings: LoopSettings,
): Promise<{ step: number; seconds: number }> {
  const { steps, minutes, seed } = settings;
  const firstStep = settings.previous?.step ?? 0;
  const secondsBefore = settings.previous?.seconds ?? 0;
  let step = firstStep;
  let savedStep = firstStep;
  let pending: LossRow[] = [];
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  const done = (): boolean => (steps !== undefined && step >= steps) || (minutes !== undefined && elapsed() >= minutes * 60);
  const save = async (): Promise<void> => {
    await log.append(pending);
    pending = [];
    await checkpoint.write(session, {
      model: training.id, step, seconds: secondsBefore + elapsed(), randomState: data.randomState(), seed, options: settings.networkOptions,
    });
    savedStep = step;
    await log.plot(join(checkpoint.folder, 'losses.png'), `${training.id} training losses`);
  };

  try {
    while (!done()) {
      throwIfCancelled(settings.signal);
      const batch = await data.next();
      // libtorch's generator (dropout and the like) seeded per step, so a resumed run draws the same.
      manualSeed(seed * 1_000_003 + step);
      const terms = tidy(() => trainingStep(session, batchTensors(batch)));
      step++;
      const row: LossRow = { step, seconds: secondsBefore + elapsed(), terms: checkedTerms(training, session, terms) };
      pending.push(row);
      settings.onStep?.({ ...row, ...progress(step - firstStep, elapsed(), steps === undefined ? undefined : steps - firstStep, minutes) });
      if (step % settings.checkpointEvery === 0) await save();
      // Let Ctrl-C and finalizers in between steps.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    if (step > savedStep) await save();
  }
  return { step, seconds: secondsBefore + elapsed() };
}

function checkedTerms(training: NetworkTraining, session: TrainingSession, terms: Record<string, number>): Record<string, number> {
  const declared = (session.lossTerms ?? training.lossTerms).map((t) => t.name);
  const given = Object.keys(terms);
  if (given.length !== declared.length || !declared.every((name) => name in terms)) {
    throw new Error(`${training.id} training: its steps returned the loss terms ${given.join(', ')}, not the declared ${declared.join(', ')}`);
  }
  return terms;
}

/** How far the run is and the time left, by steps and by time, whichever ends it first. */
function progress(stepsDone: number, seconds: number, stepsToRun: number | undefined, minutes: number | undefined): { fraction: number; secondsLeft: number } {
  const byTime = minutes === undefined ? undefined : { fraction: seconds / (minutes * 60), left: minutes * 60 - seconds };
  const bySteps = stepsToRun === undefined ? undefined : { fraction: stepsDone / Math.max(1, stepsToRun), left: (seconds / stepsDone) * (stepsToRun - stepsDone) };
  const ends = [byTime, bySteps].filter((e) => e !== undefined);
  return { fraction: Math.min(1, Math.max(...ends.map((e) => e.fraction))), secondsLeft: Math.max(0, Math.min(...ends.map((e) => e.left))) };
}
