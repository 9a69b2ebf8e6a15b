/**
 * Worker-thread entry for every network (network-method.ts and video-network-method.ts send the
 * work here): loads a network once per weights file (network-weights.ts's cache, on this thread)
 * and fills one image per call, the fill strategy included, or one window of a clip; and it
 * holds internal learning's optimisations, driven a short call at a time. The pixel
 * and mask bytes come copied; the filled bytes go back transferred.
 */
import { throwIfCancelled } from '../../core/errors.js';
import { createImage, createMask, type Image } from '../../core/image.js';
import { Transferring } from '../../runtime/protocol.js';
import { serveWorker } from '../../runtime/serve-worker.js';
import { internalWorkerApi } from '../internal/internal-worker-api.js';
import { networks } from '../networks.js';
import { completeStack } from '../dfcnet/flow-completer.js';
import type { PreparedFlow } from '../dfcnet/flow-stack.js';
import { cachedDfcNet } from '../dfcnet/model-cache.js';
import { videoNetworks } from '../video-networks.js';
import { fillSeveralWithNetwork, fillWithNetwork } from './fill-with-network.js';
import type { NetworkDefinition, NetworkOptionValues } from './network.js';
import { cachedNetwork, type WeightsFile } from './network-weights.js';
import type { VideoNetworkDefinition } from './video-network.js';

export interface NetworkFillRequest {
  /** The network's id (models/networks.ts). */
  readonly network: string;
  readonly weights: WeightsFile;
  readonly width: number;
  readonly height: number;
  readonly rgb: Uint8Array;
  readonly mask: Uint8Array;
  /** The guide's pixels, the image's size, when the network takes one and one was given (network.ts's guideOption). */
  readonly guide?: Uint8Array;
  /** The network's own options, parsed (network.ts). */
  readonly options: NetworkOptionValues;
}

/** A window of frames of one size (frames of a clip share theirs), with their masks. */
export interface VideoWindowRequest {
  /** The video network's id (models/video-networks.ts). */
  readonly network: string;
  readonly weights: WeightsFile;
  readonly width: number;
  readonly height: number;
  readonly frames: readonly Uint8Array[];
  readonly masks: readonly Uint8Array[];
  readonly options: NetworkOptionValues;
}

const api = {
  async fill(request: NetworkFillRequest, signal: AbortSignal): Promise<Transferring<Uint8Array>> {
    const network = networkNamed(request.network);
    const net = await cachedNetwork(network, request.weights);
    throwIfCancelled(signal);
    const { width, height } = request;
    const filled = fillWithNetwork(network, net, createImage(width, height, request.rgb), createMask(width, height, request.mask), request.options, guideOf(request));
    return new Transferring(filled.rgb, [filled.rgb.buffer]);
  },

  /** Every fill of a network with forwardSeveral (network.ts). */
  async fillSeveral(request: NetworkFillRequest, signal: AbortSignal): Promise<Transferring<Uint8Array[]>> {
    const network = networkNamed(request.network);
    if (!network.forwardSeveral) throw new Error(`network ${request.network} has no forwardSeveral`);
    const net = await cachedNetwork(network, request.weights);
    throwIfCancelled(signal);
    const { width, height } = request;
    const fills = fillSeveralWithNetwork({ ...network, forwardSeveral: network.forwardSeveral }, net,
      createImage(width, height, request.rgb), createMask(width, height, request.mask), request.options, guideOf(request));
    const rgbs = fills.map((filled) => filled.rgb);
    return new Transferring(rgbs, rgbs.map((rgb) => rgb.buffer));
  },

  /** One window of a clip through a video network (video-network.ts). */
  async fillWindow(request: VideoWindowRequest, signal: AbortSignal): Promise<Transferring<Uint8Array[]>> {
    const network = videoNetworkNamed(request.network);
    const net = await cachedNetwork(network, request.weights);
    throwIfCancelled(signal);
    const { width, height } = request;
    const filled = network.fillWindow(net, request.frames.map((rgb) => createImage(width, height, rgb)),
      request.masks.map((mask) => createMask(width, height, mask)), request.options);
    const rgbs = filled.map((frame) => frame.rgb);
    return new Transferring(rgbs, rgbs.map((rgb) => rgb.buffer));
  },

  /** Loads DFC-Net for `propagate --set flowCompletion=dfc` before its first flow (dfcnet/flow-completer.ts). */
  async loadDfcNet(request: { weights: string }): Promise<boolean> {
    await cachedDfcNet(request.weights);
    return true;
  },

  /** One flow of `propagate --set flowCompletion=dfc` completed by DFC-Net (dfcnet/flow-completer.ts). */
  async completeDfcFlow(request: { weights: string; stack: readonly PreparedFlow[] }, signal: AbortSignal): Promise<Transferring<Float64Array>> {
    const net = await cachedDfcNet(request.weights);
    throwIfCancelled(signal);
    const { data } = completeStack(net, request.stack);
    return new Transferring(data, [data.buffer]);
  },

  /** Internal learning's runs (models/internal), driven a call at a time. */
  ...internalWorkerApi,
};

export type NetworkWorkerApi = typeof api;

function guideOf({ guide, width, height }: NetworkFillRequest): Image | undefined {
  return guide && createImage(width, height, guide);
}

function networkNamed(id: string): NetworkDefinition {
  const network = networks.find((candidate) => candidate.id === id);
  if (!network) throw new Error(`no network ${id} in models/networks.ts`);
  return network;
}

function videoNetworkNamed(id: string): VideoNetworkDefinition {
  const network = videoNetworks.find((candidate) => candidate.id === id);
  if (!network) throw new Error(`no video network ${id} in models/video-networks.ts`);
  return network;
}

serveWorker(api);
