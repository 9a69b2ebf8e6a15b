import { stat } from 'node:fs/promises';
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { guideOptionOf } from '../models/common/network-guide.js';
import type { ImageMethod } from '../registry/method.js';
import { methods, videoMethods } from '../methods.js';
import { optionsJsonSchema, type OptionsJsonSchema } from '../registry/options-json-schema.js';
import { parseOptions } from '../registry/parse-options.js';
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
  /**
   * A request's `options` field for `method`: checked, defaults in, the server's weights added; a
   * video method's `imageMethod` must be one of the image methods offered.
   */
  options(method: ImageMethod | VideoMethod, field: string | undefined): Record<string, unknown>;
  /** The options' JSON Schema as a client sees it: no weights or guide option, only offered image methods. */
  schema(method: ImageMethod | VideoMethod): OptionsJsonSchema;
  /** The image methods' options a video job passes on (`inpaintVideo`'s imageOptions): the server's weights. */
  readonly imageOptions: Readonly<Record<string, Record<string, unknown>>>;
}

/** Checks a server's weights before it starts: each for a network method, each a file or a release folder. */
export async function checkMethodWeights(weights: MethodWeights = {}): Promise<void> {
  const networks = [...methods, ...videoMethods].filter((m) => m.needsWeights || 'weights' in m.options.shape);
  for (const [id, file] of Object.entries(weights)) {
    if (!networks.some((m) => m.id === id)) {
      throw new InvalidOptionError('weights', `method=FILE for a method that takes weights (${networks.map((m) => m.id).join(', ') || 'none'})`, `${id}=${file}`);
    }
    const info = await stat(file).catch(() => null);
    if (!info) throw new InvalidInputError(file, `a weights file or release folder for ${id}`, 'no such file');
  }
}

export function offeredMethods(weights: MethodWeights = {}): OfferedMethods {
  const offered = (method: ImageMethod | VideoMethod) => !method.needsWeights || weights[method.id] !== undefined;
  const image = methods.filter(offered);
  const video = videoMethods.filter(offered);
  const imageIds = image.map((m) => m.id);
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
      // A request never names a file: weights are the server's, for every method that takes them.
      if (raw.weights !== undefined) {
        throw new InvalidOptionError(`${method.id} option weights`, 'no weights option: the server uses the file it was started with', raw.weights);
      }
      const guide = guideOptionOf(method);
      if (guide !== undefined && raw[guide] !== undefined) {
        throw new InvalidOptionError(`${method.id} option ${guide}`, `no ${guide} option: it names a file, which a server does not read for a request`, raw[guide]);
      }
      if (method.needsWeights) return parseOptions(method, { ...raw, weights: weights[method.id] });
      // A method that may take weights (propagate with flowCompletion=dfc) gets them when its options use them.
      const own = weights[method.id];
      const used = own !== undefined && method.options.safeParse({ ...raw, weights: own }).success;
      return checkImageMethod(method, parseOptions(method, used ? { ...raw, weights: own } : raw));
    },
    schema(method) {
      const { properties, ...schema } = optionsJsonSchema(method);
      if (!properties) return schema;
      const { weights: _weights, imageMethod, ...rest } = properties;
      const guide = guideOptionOf(method);
      const others = Object.fromEntries(Object.entries(rest).filter(([name]) => name !== guide));
      const choice = imageMethod && { ...imageMethod, enum: imageMethod.enum?.filter((id) => imageIds.includes(id as string)) };
      return { ...schema, properties: choice ? { ...others, imageMethod: choice } : others };
    },
    imageOptions: Object.fromEntries(Object.entries(weights).map(([id, file]) => [id, { weights: file }])),
  };

  function checkImageMethod(method: ImageMethod | VideoMethod, options: Record<string, unknown>): Record<string, unknown> {
    const chosen = options.imageMethod;
    if (typeof chosen === 'string' && !imageIds.includes(chosen)) {
      throw new InvalidOptionError(`${method.id} option imageMethod`, `an image method this server offers (${imageIds.join(', ')})`, chosen);
    }
    return options;
  }
}
