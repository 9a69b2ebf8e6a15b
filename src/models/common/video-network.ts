/**
 * A video network as data, as network.ts describes an image network: what the registry, the
 * weights reader and the network worker need, plus the network's own way of filling a run of
 * frames (its resizing, value range, mask convention and official inference loop all live in
 * `fillWindow`). video-network-method.ts turns a definition into a registry video method.
 */
import type { z } from 'zod';
import type { Image, Mask } from '../../core/image.js';
import type { StateDict } from '../../torch/index.js';
import type { DisposableModel } from './model-cache.js';
import type { NetworkDescription, NetworkOptionValues } from './network.js';

export interface VideoNetworkDefinition<
  Net extends DisposableModel = DisposableModel,
  Options extends NetworkOptionValues = NetworkOptionValues,
> extends Pick<NetworkDescription, 'id' | 'paper' | 'summary' | 'checkpoint' | 'releases' | 'trainable'> {
  /** The network's own options beyond `weights`, each with a default (as network.ts's). */
  readonly options?: z.ZodObject<z.ZodRawShape>;
  /**
   * Frames filled together: the clip is cut into runs of this many frames, each filled by one
   * `fillWindow` call, so memory is bounded by it, not by the clip. The last two runs split what
   * is left between them (a clip of 17 frames with 16 a window: 9 and 8); a clip shorter than a
   * window is one run.
   */
  readonly windowLength: number;
  /** The network in evaluation mode with a release's state dicts (as network.ts's `load`). */
  load(stateDicts: ReadonlyMap<string, StateDict>): Net;
  /**
   * One window's frames filled, in order, each the size of its input. The masks are the toolkit's
   * (1 = hole); pixels under them are undefined. Known pixels may come back changed: the pipeline
   * pastes them back.
   */
  fillWindow(net: Net, frames: readonly Image[], masks: readonly Mask[], options: Options): Image[];
  /** State dicts by sub-network of a small randomly initialised instance, for the contract test. */
  randomWeights(): Map<string, StateDict>;
}
