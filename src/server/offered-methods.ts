import { stat } from 'node:fs/promises';
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import type { ImageMethod } from '../registry/method.js';
import { methods, parseOptions, videoMethods } from '../registry/registry.js';
import type { VideoMethod } from '../registry/video-method.js';
import { parseOptionsField } from './options-field.js';

/** Weights files of network methods, by method id (`{ deepfillv2: 'generator.safetensors' }`). */
export type MethodWeights = Readonly<Record<string, string>>;

/**
 * The methods one server offers: every method that needs no weights, and a network method only
 * when the server was started with a weights file for it. The server supplies that file itself:
 * a request never names a file, which would let any client make the server read any path.
 */
export interface OfferedMethods {
  readonly image: readonly ImageMethod[];
  readonly video: readonly VideoMethod[];
  /** A request's `options` field for `method`: checked, defaults in, the server's weights added. */
  options(method: ImageMethod | VideoMethod, field: string | undefined): Record<string, unknown>;
}

/** Checks a server's weights before it starts: each for a network method, each a readable file. */
export async function checkMethodWeights(weights: MethodWeights = {}): Promise<void> {
  const networks = [...methods, ...videoMethods].filter((m) => m.needsWeights);
  for (const [id, file] of Object.entries(weights)) {
    if (!networks.some((m) => m.id === id)) {
      throw new InvalidOptionError('weights', `method=FILE for a method that needs weights (${networks.map((m) => m.id).join(', ') || 'none'})`, `${id}=${file}`);
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new InvalidInputError(file, `a weights file for ${id}`, info ? 'a folder' : 'no such file');
  }
}

export function offeredMethods(weights: MethodWeights = {}): OfferedMethods {
  const offered = (method: ImageMethod | VideoMethod) => !method.needsWeights || weights[method.id] !== undefined;
  const image = methods.filter(offered);
  const video = videoMethods.filter(offered);
  return {
    image,
    video,
    options(method, field) {
      if (!offered(method)) {
        const ids = [...image, ...video].map((m) => m.id).join(', ');
        throw new InvalidOptionError(
          'method',
          `a method this server offers (${ids}); ${method.id} needs weights it was not started with (inpaint serve --weights ${method.id}=FILE)`,
          method.id,
        );
      }
      const raw = parseOptionsField(field);
      if (!method.needsWeights) return parseOptions(method, raw);
      if (raw.weights !== undefined) {
        throw new InvalidOptionError(`${method.id} option weights`, 'no weights option: the server uses the file it was started with', raw.weights);
      }
      return parseOptions(method, { ...raw, weights: weights[method.id] });
    },
  };
}
