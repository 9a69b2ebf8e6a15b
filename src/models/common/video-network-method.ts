/**
 * A registry video method made from a video network's definition (video-network.ts): the `weights`
 * option and the network's own, the clip streamed in windows of `windowLength` frames (at most two
 * windows' frames held, so memory stays flat in the clip's length; the last two windows share the
 * frames left, so none is much shorter than half a window), each window filled on the network
 * worker thread when the compiled worker script is there, else on the calling thread.
 */
import { throwIfCancelled, InvalidInputError } from '../../core/errors.js';
import { createImage, type Image, type Mask } from '../../core/image.js';
import type { VideoMethod } from '../../registry/video-method.js';
import { zipFramesAndMasks } from '../../pipeline/zip-frames.js';
import { networkMethodOptions, type NetworkOptions } from './network-method.js';
import { networkPool } from './network-pool.js';
import { cachedNetwork, weightsFile, type WeightsFile } from './network-weights.js';
import type { NetworkOptionValues } from './network.js';
import type { VideoNetworkDefinition } from './video-network.js';

/** A video network method: a VideoMethod that also carries its network's definition. */
export interface VideoNetworkMethod extends VideoMethod<NetworkOptions> {
  readonly network: VideoNetworkDefinition;
}

export function videoNetworkMethod(network: VideoNetworkDefinition): VideoNetworkMethod {
  const options = networkMethodOptions(network);
  return {
    id: network.id,
    kind: 'video',
    description: network.summary,
    needsWeights: true,
    trainable: network.trainable,
    options,
    network,
    create: ({ weights, ...networkOptions }) => ({
      async *inpaint(frames, masks, context) {
        const file = await weightsFile(network, weights as string | undefined);
        const held: { frame: Image; mask: Mask }[] = [];
        let written = 0;
        /** The first `count` frames held, filled as one window. */
        const fill = async function* (count: number) {
          const filled = await fillWindow(network, file, held.splice(0, count), networkOptions, context.signal);
          for (const frame of filled) {
            yield frame;
            written++;
            if (context.frameCount) context.onProgress?.(written / context.frameCount, network.id);
          }
        };
        // Up to two windows are held, so that the clip's end can be split into two halves rather
        // than leave a last window of a frame or two (too little for a network to draw on).
        const length = network.windowLength;
        for await (const { frame, mask, index } of zipFramesAndMasks(frames, masks)) {
          const first = held[0]?.frame;
          if (first && (first.width !== frame.width || first.height !== frame.height)) {
            throw new InvalidInputError(`frame ${index}`, `the size of the frames before it (${first.width}x${first.height})`, `${frame.width}x${frame.height}`);
          }
          held.push({ frame, mask });
          if (held.length === 2 * length) yield* fill(length);
        }
        if (held.length > length) yield* fill(Math.ceil(held.length / 2));
        if (held.length > 0) yield* fill(held.length);
      },
    }),
  };
}

/** One window through the network, on the worker thread when there is one. */
async function fillWindow(
  network: VideoNetworkDefinition,
  weights: WeightsFile,
  window: readonly { frame: Image; mask: Mask }[],
  options: NetworkOptionValues,
  signal: AbortSignal | undefined,
): Promise<Image[]> {
  const { width, height } = window[0].frame;
  const pool = networkPool();
  if (!pool) {
    const net = await cachedNetwork(network, weights);
    throwIfCancelled(signal);
    return network.fillWindow(net, window.map((w) => w.frame), window.map((w) => w.mask), options);
  }
  const request = {
    network: network.id, weights, width, height, options,
    frames: window.map((w) => w.frame.rgb), masks: window.map((w) => w.mask.data),
  };
  const rgbs = await pool.call('fillWindow', request, { signal });
  return rgbs.map((rgb) => createImage(width, height, rgb));
}
