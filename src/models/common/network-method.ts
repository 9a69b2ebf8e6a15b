/**
 * A registry method made from a network's definition (network.ts): the `weights` option, the
 * whole image from the pipeline (the fill strategy crops), and the forward pass on the network
 * worker thread when the compiled worker script is there, else on the calling thread.
 */
import { z } from 'zod';
import { createImage, type Image, type Mask } from '../../core/image.js';
import type { ImageMethod, RunContext } from '../../registry/method.js';
import { fillSeveralWithNetwork, fillWithNetwork } from './fill-with-network.js';
import type { NetworkDefinition } from './network.js';
import { readGuide } from './network-guide.js';
import { networkPool } from './network-pool.js';
import { cachedNetwork, weightsFile } from './network-weights.js';

/** A network method's options: `weights`, then the network's own (network.ts). */
export type NetworkOptions = z.ZodObject<z.ZodRawShape>;

/** A network method: an ImageMethod that also carries its network's definition. */
export interface NetworkMethod extends ImageMethod<NetworkOptions> {
  readonly network: NetworkDefinition;
}

/** The options of a method made from a network, image or video: `weights`, then the network's own. */
export function networkMethodOptions(network: Pick<NetworkDefinition, 'releases' | 'options'>): NetworkOptions {
  const releases = network.releases.map((release) => `${release.files.join(' + ')} (${release.name})`).join(', ');
  return z.object({
    weights: z.string().min(1).optional()
      .describe(`Weights: a file or folder of an official release (${releases || 'none listed'}) or a .safetensors file from inpaint train; required`),
  }).extend(network.options?.shape ?? {});
}

export function networkMethod(network: NetworkDefinition): NetworkMethod {
  const options = networkMethodOptions(network);
  return {
    id: network.id,
    kind: 'image',
    description: network.summary,
    needsWeights: true,
    trainable: network.trainable,
    options,
    network,
    region: 'whole-image',
    create: ({ weights, ...networkOptions }) => {
      /** The weights file, the guide, and the worker request when there is a worker. */
      const prepare = async (image: Image, mask: Mask, context: RunContext) => {
        const file = await weightsFile(network, weights as string | undefined);
        const guide = await readGuide(network, networkOptions, image, context.signal);
        context.onProgress?.(0.1, network.id);
        const request = {
          network: network.id, weights: file, width: image.width, height: image.height, rgb: image.rgb, mask: mask.data,
          guide: guide?.rgb, options: networkOptions,
        };
        return { file, guide, pool: networkPool(), request };
      };
      const several = network.forwardSeveral ? { ...network, forwardSeveral: network.forwardSeveral } : undefined;
      return {
        inpaint: async (image, mask, context) => {
          const { file, guide, pool, request } = await prepare(image, mask, context);
          if (!pool) return fillWithNetwork(network, await cachedNetwork(network, file), image, mask, networkOptions, guide, context.signal);
          return createImage(image.width, image.height, await pool.call('fill', request, { signal: context.signal }));
        },
        ...(several && {
          inpaintSeveral: async (image: Image, mask: Mask, context: RunContext) => {
            const { file, guide, pool, request } = await prepare(image, mask, context);
            if (!pool) return fillSeveralWithNetwork(several, await cachedNetwork(network, file), image, mask, networkOptions, guide, context.signal);
            const fills = await pool.call('fillSeveral', request, { signal: context.signal });
            return fills.map((rgb) => createImage(image.width, image.height, rgb));
          },
        }),
      };
    },
  };
}
