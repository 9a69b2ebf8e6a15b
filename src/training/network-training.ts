/**
 * What a network gives the shared training loop (train-network.ts), in the spirit of LaMa's
 * trainers: its networks and optimizers, a forward pass, and a generator and (optionally) a
 * discriminator step that each return the loss to minimise and its named terms. The loop owns the
 * rest: batches, zeroing, backward, optimiser steps, checkpoints, the loss log, resume, stopping.
 */
import type { z } from 'zod';
import type { nn, StateDict, Tensor } from '../torch/index.js';

/** One batch of training crops, or of clips for a network that trains on clips. */
export interface TrainingBatch {
  /** [B,3,S,S], clips [B,T,3,S,S]; RGB in [0, 1]: each network converts to its own value range. */
  readonly image: Tensor;
  /** [B,1,S,S], clips [B,T,1,S,S]; 1 = hole. */
  readonly mask: Tensor;
}

/** What a step function returns: the loss its optimiser minimises and the terms the log records. */
export interface StepLosses {
  readonly total: Tensor;
  /** Scalar tensors by loss-log column name; the names must be among the network's lossTerms. */
  readonly terms: Readonly<Record<string, Tensor>>;
}

/** What the loop needs of an optimiser (Adam, SGD): its step and a state a checkpoint keeps. */
export interface TrainingOptimizer {
  step(): void;
  zeroGrad(): void;
  stateDict(): StateDict;
  loadStateDict(dict: StateDict): void;
}

/** A network and its optimiser; saved as `<name>.safetensors` with `metadata` in its header. */
export interface TrainedNetwork {
  /** Any network, whatever its forward pass takes. */
  readonly module: nn.Module<any[], unknown>;
  readonly optimizer: TrainingOptimizer;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** The networks being trained and the steps that train them, built from a network's options. */
export interface TrainingSession<Prediction = unknown> {
  /** Its weights file `generator.safetensors` is what inference takes as --weights. */
  readonly generator: TrainedNetwork;
  readonly discriminator?: TrainedNetwork;
  /**
   * Which discriminator the generator's loss is computed with: the one just updated (the default,
   * as most official trainers run), or the one before its update, as EdgeConnect's code computed
   * it under the PyTorch it was written for (its optimiser changed the discriminator's weights
   * behind autograd's back after the generator's loss was built).
   */
  readonly generatorLossSees?: 'updated-discriminator' | 'discriminator-before-its-update';
  /**
   * Which network is updated first: the discriminator (the default), or the generator, as FFVI's
   * trainer runs it: the generator's loss sees the discriminator before its update, and the
   * discriminator's step comes after the generator's, on the prediction made before it. The order
   * of the discriminator's forward passes matters where they change state (spectral norm's power
   * iteration in training mode), so this is not `generatorLossSees` under another name.
   */
  readonly firstUpdate?: 'discriminator' | 'generator';
  /** The loss log's columns of this session, when its options narrow the network's lossTerms (a stage of several). */
  readonly lossTerms?: readonly LossLogColumn[];
  /** The generator's forward pass, shared by both steps of a training step. */
  predict(batch: TrainingBatch): Prediction;
  /** Run first (as most official trainers do; see firstUpdate); its total's gradient updates the discriminator only. */
  discriminatorStep?(batch: TrainingBatch, prediction: Prediction): StepLosses;
  /** Run after the discriminator's update; its total's gradient updates the generator only. */
  generatorStep(batch: TrainingBatch, prediction: Prediction): StepLosses;
}

/** One loss-log column: a term's name (CSV header) and how the plot labels its curve. */
export interface LossLogColumn {
  readonly name: string;
  readonly label: string;
}

/** Options every network's training schema has: the loop reads them. */
export interface TrainingBasics {
  /** Square crop size in pixels. */
  readonly size: number;
  /** Crops (or clips) per step. */
  readonly batch: number;
  /** Frames per clip, for a network that trains on clips. */
  readonly frames?: number;
}

/**
 * A trainable network, registered as data like an inference method: `id` is the method it trains,
 * `options` its training options (`inpaint train --set key=value`), with defaults and descriptions.
 */
export interface NetworkTraining<Schema extends z.ZodObject = z.ZodObject> {
  readonly id: string;
  readonly options: Schema;
  /**
   * What a batch holds: crops of photos (the default), or clips (a video network; its options then
   * have `frames`): a camera pan over one photo per clip, with moving holes (training-batches.ts).
   */
  readonly data?: 'photos' | 'clips';
  /** The loss log's columns after step and seconds, in order. */
  readonly lossTerms: readonly LossLogColumn[];
  /**
   * Options a checkpoint fixes (the networks' shapes): a resumed run keeps the saved values, and
   * asking for another is an error.
   */
  readonly fixedOnResume: readonly string[];
  /** Builds freshly initialised networks (from libtorch's seeded generator) and their optimisers. */
  create(options: z.infer<Schema> & TrainingBasics): TrainingSession | Promise<TrainingSession>;
}

/** The session's networks by the name their files take: `generator`, then `discriminator` if any. */
export function namedNetworks(session: TrainingSession): [string, TrainedNetwork][] {
  return session.discriminator ? [['generator', session.generator], ['discriminator', session.discriminator]] : [['generator', session.generator]];
}
