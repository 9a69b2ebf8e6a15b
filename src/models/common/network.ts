/**
 * A network method as data plus the few functions only the network knows. The description holds
 * what differs between the published networks and fails silently when wrong (the mask convention,
 * the value range), the geometry the fill strategy needs (size grid, native size) and where the
 * weights sit in the official releases. network-method.ts turns a definition into a registry
 * method; everything else (weights, worker thread, fill strategy, shape checks) is shared.
 */
import type { z } from 'zod';
import type { StateDict, Tensor } from '../../torch/index.js';
import type { CheckpointLayout, WeightRelease } from '../../weights/release.js';
import type { DisposableModel } from './model-cache.js';

/** What a 1 means in the mask the network takes. */
export type MaskConvention = '1 = hole' | '1 = valid';

/**
 * How pixels reach the network: [0,1]; [-1,1]; ImageNet-normalised ((x - mean) / std over [0,1],
 * torchvision's constants); mean-subtracted (bytes 0..255 minus a per-channel mean, RGB order).
 */
export type ValueRange =
  | { readonly kind: '[0,1]' }
  | { readonly kind: '[-1,1]' }
  | { readonly kind: 'imagenet' }
  | { readonly kind: 'mean-subtracted'; readonly mean: readonly [number, number, number] };

export interface NetworkDescription {
  /** The registry id (`deepfillv2`). */
  readonly id: string;
  /** The paper, as cited: authors, title, venue, year. */
  readonly paper: string;
  /** One line for `inpaint methods`. */
  readonly summary: string;
  readonly maskConvention: MaskConvention;
  readonly valueRange: ValueRange;
  /** Input sides must be multiples of this (2 to the number of halvings). */
  readonly sizeGrid: number;
  /** The smallest side it runs on (a multiple of sizeGrid), when more than sizeGrid: smaller images are padded to it. */
  readonly minimumSize?: number;
  /** The side it was trained at: images up to this run whole, as the official test script runs them. */
  readonly nativeSize: number;
  /** The largest side it fills well: a larger crop around the hole is resized down to this. */
  readonly largestSize: number;
  /** Known pixels to give around the hole's bounding box when cropping a large image. */
  contextMargin(holeWidth: number, holeHeight: number): number;
  readonly checkpoint: CheckpointLayout;
  readonly releases: readonly WeightRelease[];
  /** Whether `inpaint train --model ID` can train it. */
  readonly trainable: boolean;
}

/** A network's own options, parsed: plain data, since they travel to the network worker thread. */
export type NetworkOptionValues = Readonly<Record<string, unknown>>;

export interface NetworkDefinition<
  Net extends DisposableModel = DisposableModel,
  Inputs = unknown,
  Options extends NetworkOptionValues = NetworkOptionValues,
> extends NetworkDescription {
  /**
   * The network's own options beyond `weights` (`--set name=value`, the server's options field),
   * each with a default: what `input` and `forward` are given, parsed.
   */
  readonly options?: z.ZodObject<z.ZodRawShape>;
  /**
   * The option (one of `options`) that names a guide: an image file of the user's, the input's
   * size, that steers the fill (EdgeConnect's edge map). The method reads it; it reaches `input`
   * cropped and resized with the image. A server never takes one from a request (it names a file).
   */
  readonly guideOption?: string;
  /**
   * The network in evaluation mode with a release's state dicts, by the layout's sub-network
   * names; a state dict that does not fit is a StateDictMismatchError listing the keys.
   */
  load(stateDicts: ReadonlyMap<string, StateDict>): Net;
  /**
   * The production input builder: the network's inputs from the image ([1,3,H,W] in valueRange)
   * and the mask ([1,1,H,W] in maskConvention), H and W multiples of sizeGrid, and the guide when
   * one was given (guideOption; [1,3,H,W] in [0,1]). Inference, training and the parity fixture
   * all build inputs with it.
   */
  input(pixels: Tensor, mask: Tensor, options: Options, guide?: Tensor): Inputs;
  /** The filled image, [1,3,H,W] in valueRange (the shape checks live in the network's forward). */
  forward(net: Net, inputs: Inputs, options: Options): Tensor;
  /** For a network that makes several different fills (as many as its options ask for): each, as forward's. */
  forwardSeveral?(net: Net, inputs: Inputs, options: Options): Tensor[];
  /** State dicts by sub-network of a small randomly initialised instance: what the contract test fills with. */
  randomWeights(): Map<string, StateDict>;
}

/** The network's own options with every default in: what a fill without `--set` is given. */
export function defaultNetworkOptions(network: Pick<NetworkDefinition, 'options'>): NetworkOptionValues {
  return network.options?.parse({}) ?? {};
}
